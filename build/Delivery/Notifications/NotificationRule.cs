using Delivery.Events;

namespace Delivery.Notifications;

/// <summary>
/// Which runs notify: only on GitHub Actions, only pushes, and only of the default branch or a tag: the runs that
/// publish, whose state the issue tracks. Manual (workflow_dispatch) and scheduled runs do not: they publish nothing,
/// so their red or green says nothing about what was released, and GitHub emails their failures to whoever started
/// them. Pull requests never do: their failures belong to the pull request, and a fork's token may not write issues
/// anyway. Feature branches neither: a red branch is its author's business.
/// </summary>
public static class NotificationRule
{
    private static readonly string[] NotifyingEvents = ["push"];

    public static NotificationDecision Decide(IReadOnlyDictionary<string, string> environment, EventContext context)
    {
        if (environment.GetValueOrDefault("GITHUB_ACTIONS") != "true")
        {
            return NotificationDecision.No("not on GitHub Actions");
        }

        if (!NotifyingEvents.Contains(context.EventName, StringComparer.Ordinal))
        {
            return NotificationDecision.No($"a {context.EventName} run; only push runs notify");
        }

        if (context.Kind == RefKind.Tag)
        {
            return NotificationDecision.Yes($"a {context.EventName} run of tag {context.TagName}");
        }

        return context.IsDefaultBranch
            ? NotificationDecision.Yes($"a {context.EventName} run of the default branch {context.DefaultBranch}")
            : NotificationDecision.No($"{(context.Ref.Length > 0 ? context.Ref : "a detached HEAD")} is neither the default branch ({context.DefaultBranch}) nor a tag");
    }
}
