using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Commerce.Testing.Browser;

/// What axe-core (its script ships in the package, so nothing is fetched) finds wrong with a page against WCAG 2 A and
/// AA: missing names and labels, too little contrast, landmarks, language. One line per rule broken, naming where.
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag2AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(Wcag2AA);
        return
        [
            .. results.Violations.Select(violation =>
                $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}"),
        ];
    }
}
