"""The axe-core audit (vendor/axe.min.js, see vendor/README.md).

axe is injected with `page.evaluate`, which goes through the DevTools protocol: the
portal's CSP (no inline script) does not apply to it, so the audited page keeps its real
policy and the CSP watch stays meaningful. Only serious and critical violations fail.
"""

BLOCKING = {"serious", "critical"}
MAX_NODES = 5


def inject(page, axe_source: str) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)


def run_axe(page, axe_source: str) -> list[dict]:
    """Every axe violation of the page as it is now (a new document needs a new run)."""
    inject(page, axe_source)
    results = page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "),
                                            summary: n.failureSummary, html: n.html})),
            }));
        }"""
    )
    return results


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:MAX_NODES]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"        {detail.strip()}")
        if len(violation["nodes"]) > MAX_NODES:
            lines.append(f"    ... et {len(violation['nodes']) - MAX_NODES} autres éléments")
    return "\n".join(lines)


def audit(page, axe_source: str, *, label: str = "") -> list[dict]:
    """Fails on any serious or critical violation; returns all violations found."""
    violations = run_axe(page, axe_source)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    if blocking:
        where = f"{label} — " if label else ""
        raise AssertionError(
            f"axe-core : violations graves ou critiques sur {where}{page.url}\n"
            + describe(blocking)
        )
    return violations
