"""Keyboard-only navigation: Tab until an element has the focus, checking on the way that
each focused element shows a visible focus indicator (RGAA 10.7)."""

FOCUS_STATE = """(element) => {
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    return {
        outline: style.outlineStyle === "none" ? "none"
            : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        boxShadow: style.boxShadow,
        background: style.backgroundColor,
        textDecoration: style.textDecorationLine,
        color: style.color,
        width: rect.width,
        height: rect.height,
    };
}"""

# Blur, measure, focus again: Chromium keeps :focus-visible after a keyboard interaction.
UNFOCUSED_STATE = (
    "(element) => { element.blur(); const state = (" + FOCUS_STATE + ")(element);"
    " element.focus(); return state; }"
)

DESCRIBE = """(element) => {
    if (!element || element === document.body) return "(rien : le document)";
    const label = (element.getAttribute("aria-label") || element.innerText
                   || element.value || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return `<${element.tagName.toLowerCase()}${element.id ? " id=" + element.id : ""}> ${label}`;
}"""


class Keyboard:
    """`tab_to(page, selector)` presses Tab until the focus is on `selector` (fails after
    `max_presses`); `assert_focus_visible(page)` checks the focused element stands out."""

    def focused_description(self, page) -> str:
        return page.evaluate_handle("() => document.activeElement").evaluate(DESCRIBE)

    def is_focused(self, page, selector: str) -> bool:
        return page.evaluate(
            "(selector) => !!document.activeElement && document.activeElement.matches(selector)",
            selector,
        )

    def assert_focus_visible(self, page) -> None:
        element = page.evaluate_handle("() => document.activeElement")
        focused = element.evaluate(FOCUS_STATE)
        unfocused = element.evaluate(UNFOCUSED_STATE)
        # The messages (one more round trip to the browser) are built only on failure.
        assert focused["width"] > 0 and focused["height"] > 0, (
            f"L'élément qui a le focus est invisible (taille nulle) : "
            f"{self.focused_description(page)}"
        )
        indicator = {key: focused[key] for key in focused if key not in ("width", "height")}
        before = {key: unfocused[key] for key in indicator}
        assert indicator != before and (
            focused["outline"] != "none" or focused["boxShadow"] != "none"
        ), (
            f"Focus invisible sur {self.focused_description(page)} : {indicator} "
            f"(sans focus : {before})"
        )

    def tab_to(
        self,
        page,
        selector: str,
        *,
        max_presses: int = 60,
        backwards: bool = False,
        check_focus: bool = True,
    ) -> None:
        """Tab (or Shift+Tab) until `selector` has the focus, like a keyboard-only person."""
        key = "Shift+Tab" if backwards else "Tab"
        visited = []
        for _ in range(max_presses):
            page.keyboard.press(key)
            visited.append(self.focused_description(page))
            if check_focus and visited[-1] != "(rien : le document)":
                self.assert_focus_visible(page)
            if self.is_focused(page, selector):
                return
        raise AssertionError(
            f"{selector} jamais atteint au clavier en {max_presses} tabulations ; "
            "parcours : " + " → ".join(visited)
        )

    def tab_through(self, page, *, max_presses: int = 120) -> list[str]:
        """Tab from the top of the page to its end, checking every stop shows its focus;
        returns the stops (for assertions on the order)."""
        page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
        stops = []
        for _ in range(max_presses):
            page.keyboard.press("Tab")
            where = self.focused_description(page)
            if where == "(rien : le document)" or (stops and where == stops[0]):
                return stops
            self.assert_focus_visible(page)
            stops.append(where)
        raise AssertionError(f"plus de {max_presses} arrêts de tabulation : " + " → ".join(stops))

    def press(self, page, key: str) -> None:
        """Enter, Space, ArrowDown... on the focused element."""
        page.keyboard.press(key)
