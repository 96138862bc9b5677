"""The harness catches what it claims to catch: each guard is shown failing once here, on
purpose, so a green browser suite means something."""

import pytest

OFFSITE = "http://portail-externe.invalid"


def test_the_real_policy_blocks_an_inline_script_and_style_and_the_watch_reports_both(
    page, page_watch
):
    # The real home page, served with its real headers, plus what the CSP forbids.
    def tamper(route):
        response = route.fetch()
        body = response.text().replace(
            "</main>",
            '<script>window.inlineRan = true;</script><p style="color: red">x</p></main>',
        )
        route.fulfill(response=response, body=body)

    page.route("**/", tamper)
    page.goto("/")
    page.wait_for_load_state("load")
    watch = page_watch(page)

    assert page.evaluate("() => window.inlineRan === undefined"), "the inline script ran"
    assert any("script-src" in text for text in watch.csp_violations), watch.csp_violations
    assert any("style-src" in text for text in watch.csp_violations), watch.csp_violations
    with pytest.raises(AssertionError, match="violation CSP"):
        watch.assert_clean()
    watch.clear()


def test_console_errors_and_uncaught_exceptions_are_reported(page, page_watch):
    page.goto("/faq/")
    page.evaluate("() => console.error('ceci est une erreur de console')")
    page.evaluate("() => setTimeout(() => { throw new Error('exception non rattrapée'); })")
    page.wait_for_timeout(100)
    watch = page_watch(page)

    assert any("ceci est une erreur de console" in text for text in watch.console_errors)
    assert any("exception non rattrapée" in text for text in watch.page_errors)
    watch.clear()


def test_a_request_to_another_host_is_reported(page, page_watch):
    # A page whose CSP was dropped and which loads an image from elsewhere (the CSP would
    # block it first on the real portal). Intercepted inside the browser: nothing is sent.
    def without_csp(route):
        response = route.fetch()
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() != "content-security-policy"
        }
        body = response.text().replace("</main>", f'<img src="{OFFSITE}/pixel.png" alt=""></main>')
        route.fulfill(response=response, headers=headers, body=body)

    page.route("**/faq/", without_csp)
    page.route(f"{OFFSITE}/**", lambda route: route.fulfill(status=204, body=""))
    page.goto("/faq/")
    watch = page_watch(page)

    assert watch.foreign_requests == [f"GET {OFFSITE}/pixel.png"]
    assert watch.csp_violations == []
    watch.clear()


def test_axe_fails_on_an_image_without_text_alternative(page, audit_accessibility):
    page.goto("/faq/")
    audit_accessibility(page, "page intacte")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "/static/dsfr/favicon/favicon.svg";
            document.querySelector("main").appendChild(image);
        }"""
    )

    with pytest.raises(AssertionError, match="image-alt"):
        audit_accessibility(page, "image sans alternative")


def test_the_keyboard_helper_refuses_a_focus_that_cannot_be_seen(page, keyboard):
    page.goto("/faq/")
    page.evaluate(
        """() => document.querySelectorAll("a").forEach((link) => {
            link.style.setProperty("outline", "none", "important");
            link.style.setProperty("box-shadow", "none", "important");
        })"""
    )

    with pytest.raises(AssertionError, match="Focus invisible"):
        keyboard.tab_to(page, "a[href='#contenu']")


def test_a_page_without_javascript_runs_no_script_at_all(page, nojs_page):
    page.goto("/faq/")
    nojs_page.goto("/faq/")

    # The DSFR script marks the root element when it runs.
    assert page.locator("html").get_attribute("data-fr-js") == "true"
    assert nojs_page.locator("html").get_attribute("data-fr-js") is None
