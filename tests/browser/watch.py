"""What a page did that a person would not see but must not happen: console errors,
uncaught exceptions, CSP violations, and requests to any host but the portal itself."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about"}
FAILED_RESOURCE = "Failed to load resource"


@dataclass
class PageWatch:
    origin: str
    java_script_enabled: bool = True
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{error} ({page.url})"))
        page.on("request", self._on_request)

    def _on_request(self, request) -> None:
        self.requests.append(request.url)
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.documents.add(request.url)
        if not self.is_local(request.url):
            self.foreign_requests.append(f"{request.method} {request.url}")

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        own = urlsplit(self.origin)
        return (parts.scheme, parts.netloc) == (own.scheme, own.netloc)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        where = message.location.get("url", "")
        if "Content Security Policy" in text:
            self.csp_violations.append(f"{text} ({where})")
        elif text.startswith(FAILED_RESOURCE) and where in self.documents:
            # A page answered with an error status (a 404 page, a refused form): the test
            # asserts the status itself. Failing sub-resources (CSS, scripts) still count.
            return
        else:
            self.console_errors.append(f"{text} ({where})")

    def record_csp_event(self, data: dict) -> None:
        """Called from the page by the `securitypolicyviolation` listener."""
        self.csp_violations.append(
            "securitypolicyviolation: {directive} a bloqué {blocked!r} "
            "({source}:{line}) {sample!r}".format(**{k: data.get(k) for k in data})
        )

    def problems(self) -> list[str]:
        return (
            [f"erreur de console : {text}" for text in self.console_errors]
            + [f"exception JavaScript : {text}" for text in self.page_errors]
            + [f"violation CSP : {text}" for text in self.csp_violations]
            + [f"requête hors du serveur de test : {text}" for text in self.foreign_requests]
        )

    def clear(self) -> None:
        """Forget what was recorded (for tests that provoke problems on purpose)."""
        for recorded in (
            self.console_errors,
            self.page_errors,
            self.csp_violations,
            self.foreign_requests,
        ):
            recorded.clear()

    def assert_clean(self, step: str = "") -> None:
        """Fails at the first call after a problem (teardown reports them all again)."""
        problems = self.problems()
        if problems:
            where = f" ({step})" if step else ""
            raise AssertionError(
                f"Problèmes vus dans le navigateur{where} :\n- " + "\n- ".join(problems)
            )
