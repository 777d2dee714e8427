"""End-to-end test of `raccord serve` in a real headless Chromium, driven by Selenium.

It imports the example school into a temporary store, starts `raccord serve --port 0`, opens the
address it prints, accepts one proposal and chooses another code for a second subject on the
Correspondances page, downloads the mapping table and checks both rows changed, filters the
anomalies, and fetches the corrected LSU file with and without the nomenclature's libellés as the
Téléchargements form asks for them. Any HTTP error or
browser console error fails the test. Screenshots go to $RACCORD_SCREENSHOTS (default: a
temporary folder).
"""

import csv
import io
import json
import os
import pathlib
import signal
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
RACCORD = os.environ.get("RACCORD_BINARY", str(ROOT / ".build" / "debug" / "raccord"))


@pytest.fixture(scope="module")
def server():
    folder = tempfile.mkdtemp(prefix="raccord-navigateur-")
    env = dict(os.environ, RACCORD_DB=os.path.join(folder, "raccord.sqlite"))
    imported = subprocess.run(
        [RACCORD, "import", str(ROOT / "Nomenclatures" / "exemple")], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr
    process = subprocess.Popen(
        [RACCORD, "serve", "--port", "0"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    if not (url.startswith("http://127.0.0.1:") and "?token=" in url):
        process.kill()
        pytest.fail(f"raccord serve n'a pas donné son adresse : {url!r}\n{process.stderr.read()}")
    yield url
    # The server must have served every page without stopping, and stop cleanly when asked.
    assert process.poll() is None, f"raccord serve s'est arrêté ({process.returncode}) : {process.stderr.read()}"
    process.terminate()
    status = process.wait(timeout=10)
    assert status in (0, -signal.SIGTERM), f"raccord serve a fini avec le code {status} : {process.stderr.read()}"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1400",
                     "--lang=fr-FR"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def screenshots():
    folder = pathlib.Path(os.environ.get("RACCORD_SCREENSHOTS", tempfile.gettempdir()))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def assert_no_errors(driver):
    """Fails on any HTTP status of 400 or more, and on any console error, since the last call."""
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.responseReceived":
            response = message["params"]["response"]
            assert response["status"] < 400, f"HTTP {response['status']} pour {response['url']}"
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors


def fetch_text(driver, path):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done([r.status, t])));",
        path)


def row(driver, anchor):
    return driver.find_element(By.ID, anchor)


def click_and_wait(driver, element):
    """Clicks a link or submit button and waits until the next page has replaced this one: the
    flag set on this page's window is gone once the new document has loaded."""
    driver.execute_script("window.raccordPreviousPage = true;")
    element.click()

    def loaded(d):
        try:
            return d.execute_script(
                "return window.raccordPreviousPage === undefined && document.readyState === 'complete';")
        except WebDriverException:  # the page is being replaced
            return False

    WebDriverWait(driver, 30).until(loaded)


def test_review_in_the_browser(server, browser):
    browser.get(server)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tableau de bord"
    assert "/etablissements/0789990K/2025" in browser.current_url
    assert "token=" not in browser.current_url
    classes = browser.find_elements(By.CSS_SELECTOR, "details.classe")
    assert len(classes) == 8
    assert any("bloquant" in element.text for element in classes)
    browser.save_screenshot(str(screenshots() / "tableau-de-bord.png"))
    assert_no_errors(browser)

    click_and_wait(browser, browser.find_element(By.ID, "nav-correspondances"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Correspondances"
    latin = row(browser, "m-latin")
    assert "020300" in latin.text and "proposée" in latin.text
    click_and_wait(browser, latin.find_element(By.CSS_SELECTOR, "form.decision button[value=accept]"))
    assert "acceptée" in row(browser, "m-latin").text
    assert browser.current_url.endswith("#m-latin")

    musique = row(browser, "m-musique")
    Select(musique.find_element(By.CSS_SELECTOR, "select[name=code]")).select_by_value("081300")
    click_and_wait(browser, musique.find_element(By.CSS_SELECTOR, "form.decision button[value=choose]"))
    musique = row(browser, "m-musique")
    assert "081300" in musique.text and "acceptée" in musique.text
    browser.save_screenshot(str(screenshots() / "correspondances.png"))
    assert_no_errors(browser)

    status, text = fetch_text(browser, "/etablissements/0789990K/2025/telechargements/correspondances.csv")
    assert status == 200
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    by_key = {line[header.index("Clé")]: line for line in rows[1:]}
    assert by_key["LATIN"][header.index("Code retenu")] == "020300"
    assert by_key["LATIN"][header.index("Statut")] == "acceptée"
    assert by_key["MUSIQUE"][header.index("Code retenu")] == "081300"
    assert by_key["MUSIQUE"][header.index("Statut")] == "acceptée"

    click_and_wait(browser, browser.find_element(By.ID, "nav-anomalies"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Anomalies"
    Select(browser.find_element(By.NAME, "gravite")).select_by_value("bloquant")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#filtres button[type=submit]"))
    assert "gravite=bloquant" in browser.current_url
    severities = {element.text for element in browser.find_elements(By.CSS_SELECTOR, "#constats td:first-child")}
    assert severities == {"✖ bloquant"}, severities
    browser.save_screenshot(str(screenshots() / "anomalies.png"))
    assert_no_errors(browser)

    # The corrected LSU file, with the nomenclature's libellés ticked: the form's own address is fetched
    # (a click would start a download the test cannot read).
    click_and_wait(browser, browser.find_element(By.ID, "nav-telechargements"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Téléchargements"
    box = browser.find_element(By.ID, "libelles-nomenclature")
    assert not box.is_selected()
    box.click()
    assert box.is_selected()
    browser.save_screenshot(str(screenshots() / "telechargements.png"))

    def address(button):
        return browser.execute_script(
            "const b = document.getElementById(arguments[0]);"
            "const target = b.hasAttribute('formaction') ? b.formAction : b.form.action;"
            "return target + '?' + new URLSearchParams(new FormData(b.form)).toString();", button)

    url = address("dl-lsu-corrige")
    assert url.endswith("/telechargements/lsu-corrige.xml?libelles=nomenclature"), url
    status, xml = fetch_text(browser, url)
    assert status == 200
    assert ('<discipline id="DI_020100F" code="020300" modalite-election="F" '
            'libelle="Langues et cultures de l\'Antiquité LATIN"/>') in xml
    status, changes = fetch_text(browser, address("dl-lsu-modifications"))
    assert status == 200 and "discipline;DI_020100F;" in changes
    status, summary = fetch_text(browser, address("dl-lsu-resume"))
    assert status == 200 and summary.startswith("Fichier LSU corrigé :")
    box.click()
    status, xml = fetch_text(browser, address("dl-lsu-corrige"))
    assert status == 200 and '<discipline id="DI_020100F" code="020300" modalite-election="F" libelle="LATIN"/>' in xml
    assert_no_errors(browser)


def test_a_post_without_the_token_is_refused(server, browser):
    browser.get(server)
    status, _ = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/etablissements/0789990K/2025/decisions', {method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'key=LATIN&verdict=reject'})"
        ".then(r => r.text().then(t => done([r.status, t])));")
    assert status == 403
    browser.get_log("performance")
    browser.get_log("browser")


# Académie mode: two schools in one store, accounts; the page needs a login.

PASSWORDS = {"rectorat": "mot-de-passe-rectorat", "college-a": "mot-de-passe-a"}


@pytest.fixture(scope="module")
def academie_server():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="raccord-academie-"))
    env = dict(os.environ, RACCORD_DB=str(folder / "raccord.sqlite"))
    # School B (0789991L): the example's 2025 exports and gradebook, byte for byte but for the UAI.
    second = folder / "b"
    second.mkdir()
    source = ROOT / "Nomenclatures" / "exemple" / "2025"
    for name in ["Nomenclature.xml", "ElevesSansAdresses.xml", "Structures.xml", "sts_emp_0789990K_2025.xml",
                 "gradebook/lsu-bilans-2025-T1.xml"]:
        data = (source / name).read_bytes().replace(b"0789990K", b"0789991L")
        (second / pathlib.Path(name).name.replace("0789990K", "0789991L")).write_bytes(data)
    for path in [ROOT / "Nomenclatures" / "exemple", second]:
        imported = subprocess.run([RACCORD, "import", str(path)], env=env, cwd=ROOT, capture_output=True, text=True,
                                  timeout=300)
        assert imported.returncode == 0, imported.stderr
    for login, role in [("rectorat", ["--academie"]), ("college-a", ["--etablissement", "0789990K"])]:
        added = subprocess.run([RACCORD, "user", "add", login, *role, "--password-stdin"], env=env, cwd=ROOT,
                               input=PASSWORDS[login] + "\n", capture_output=True, text=True, timeout=60)
        assert added.returncode == 0, added.stderr
        assert f"Compte « {login} » créé" in added.stdout
    listed = subprocess.run([RACCORD, "user", "list"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "college-a" in listed.stdout and "établissement 0789990K" in listed.stdout, listed.stdout
    process = subprocess.Popen(
        [RACCORD, "serve", "--port", "0"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    if not (url.startswith("http://127.0.0.1:") and url.endswith("/connexion")):
        process.kill()
        pytest.fail(f"raccord serve n'a pas donné l'adresse de connexion : {url!r}\n{process.stderr.read()}")
    yield url[: -len("/connexion")]
    assert process.poll() is None, f"raccord serve s'est arrêté ({process.returncode}) : {process.stderr.read()}"
    process.terminate()
    process.wait(timeout=10)


def http_statuses(driver):
    """The (status, address) of every response since the last call; the console must be clean."""
    seen = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.responseReceived":
            response = message["params"]["response"]
            seen.append((response["status"], response["url"]))
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
              and " 403 " not in entry["message"] and " 401 " not in entry["message"]]
    assert not errors, errors
    return seen


def log_in(browser, base, login, password):
    browser.get(base + "/connexion")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Connexion"
    browser.find_element(By.ID, "identifiant").send_keys(login)
    browser.find_element(By.ID, "mot_de_passe").send_keys(password)
    click_and_wait(browser, browser.find_element(By.ID, "se-connecter"))


def academie_rows(browser):
    return [row.get_attribute("id") for row in browser.find_elements(By.CSS_SELECTOR, "#academie tbody tr")]


def test_academie_accounts_in_the_browser(academie_server, browser):
    base = academie_server
    browser.delete_all_cookies()
    http_statuses(browser)

    # A wrong password: the login page again, with a French message.
    log_in(browser, base, "rectorat", "pas-le-bon")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Connexion"
    assert "Identifiant ou mot de passe incorrect." in browser.find_element(By.ID, "erreur-connexion").text
    assert [status for status, _ in http_statuses(browser) if status >= 400] == [401]
    assert not browser.find_elements(By.ID, "nav-import")
    browser.save_screenshot(str(screenshots() / "connexion-refusee.png"))

    # The académie account lands on the académie page: every school and year.
    log_in(browser, base, "rectorat", PASSWORDS["rectorat"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Académie : état des établissements"
    assert browser.current_url == base + "/academie"
    assert academie_rows(browser) == ["ligne-0789990K-2024", "ligne-0789990K-2025", "ligne-0789991L-2025"]
    assert "rectorat" in browser.find_element(By.ID, "compte").text
    titles = [link.text.strip(" ▲▼") for link in browser.find_elements(By.CSS_SELECTOR, "#academie thead a.tri")]
    assert titles == ["UAI", "Établissement", "Année", "Fichiers présents", "Bloquants", "Avertissements", "Décidés",
                      "À décider", "Classes bloquées"], titles
    cells = browser.find_elements(By.CSS_SELECTOR, "#ligne-0789991L-2025 td")
    assert cells[7].text.isdigit() and cells[8].text.startswith("✖ 3"), [cell.text for cell in cells]
    assert not browser.find_elements(By.CSS_SELECTOR, "#academie .probleme")
    browser.save_screenshot(str(screenshots() / "academie.png"))
    assert_no_errors(browser)

    # Sorting: a click on a column title; a second click reverses it.
    click_and_wait(browser, browser.find_element(By.ID, "tri-uai"))
    assert academie_rows(browser) == ["ligne-0789991L-2025", "ligne-0789990K-2025", "ligne-0789990K-2024"]
    click_and_wait(browser, browser.find_element(By.ID, "tri-bloquants"))
    assert "tri=bloquants&ordre=desc" in browser.current_url
    header = browser.find_element(By.ID, "tri-bloquants").find_element(By.XPATH, "..")
    assert header.get_attribute("aria-sort") == "descending"
    counts = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#academie tbody tr td:nth-child(5)")]
    numbers = [int(text.strip("✖ ")) for text in counts if text.strip("✖ ").isdigit()]
    assert numbers == sorted(numbers, reverse=True) and numbers, counts

    # Filtering by text and "seulement les bloqués", through the form (no script needed).
    box = browser.find_element(By.ID, "filtre")
    box.clear()
    box.send_keys("0789991")
    browser.find_element(By.ID, "seulement-bloques").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#filtres-academie button[type=submit]"))
    assert "q=0789991" in browser.current_url and "bloques=1" in browser.current_url
    assert academie_rows(browser) == ["ligne-0789991L-2025"]
    assert browser.find_element(By.ID, "nombre-etablissements").text == "1"
    browser.save_screenshot(str(screenshots() / "academie-filtree.png"))

    # A row opens that school's dashboard.
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#ligne-0789991L-2025 a.ouvrir"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tableau de bord"
    assert browser.current_url == base + "/etablissements/0789991L/2025"
    assert len(browser.find_elements(By.CSS_SELECTOR, "details.classe")) == 8
    browser.save_screenshot(str(screenshots() / "academie-etablissement.png"))
    assert_no_errors(browser)

    click_and_wait(browser, browser.find_element(By.ID, "se-deconnecter"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Connexion"
    assert "Vous êtes déconnecté." in browser.page_source

    # A school account sees its school only.
    log_in(browser, base, "college-a", PASSWORDS["college-a"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tableau de bord"
    assert browser.current_url == base + "/etablissements/0789990K/2025"
    assert not browser.find_elements(By.ID, "nav-academie")
    assert "0789991L" not in browser.page_source
    browser.save_screenshot(str(screenshots() / "compte-etablissement.png"))
    assert_no_errors(browser)

    browser.get(base + "/etablissements/0789991L/2025")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Erreur 403"
    message = browser.find_element(By.CSS_SELECTOR, ".message.erreur").text
    assert "Accès refusé" in message and "0789990K" in message and "0789991L" in message, message
    assert [status for status, url in http_statuses(browser) if status >= 400] == [403]
    browser.save_screenshot(str(screenshots() / "refus-403.png"))

    status, _ = fetch_text(browser, "/etablissements/0789991L/2025/telechargements/correspondances.csv")
    assert status == 403
    http_statuses(browser)
