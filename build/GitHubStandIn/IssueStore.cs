namespace GitHubStandIn;

/// <summary>An issue as the stub keeps it; the routes render GitHub's full shape around these fields.</summary>
public sealed record StubIssue(
    int Number,
    string Title,
    string? Body,
    string State,
    string? StateReason,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt)
{
    public bool IsOpen => State == "open";
}

/// <summary>A comment on an issue.</summary>
public sealed record StubIssueComment(long Id, int IssueNumber, string Body, DateTimeOffset CreatedAt);

/// <summary>A repository label. GitHub gives a label created implicitly (by naming it on a new issue) the colour ededed.</summary>
public sealed record StubLabel(long Id, string Name, string Color, string? Description);

/// <summary>
/// The issues, comments and labels of the stubbed repository. Like GitHub, creating an issue with a label the
/// repository does not have creates the label (colour ededed, no description) instead of failing.
/// </summary>
public sealed class IssueStore
{
    public const string ImplicitLabelColor = "ededed";

    private readonly Lock gate = new();
    private readonly List<StubIssue> issues = [];
    private readonly List<StubIssueComment> comments = [];
    private readonly List<StubLabel> labels = [];
    private long nextCommentId = 1_000_001;

    public IReadOnlyList<StubIssue> All
    {
        get
        {
            lock (gate)
            {
                return [.. issues];
            }
        }
    }

    public IReadOnlyList<StubLabel> Labels
    {
        get
        {
            lock (gate)
            {
                return [.. labels];
            }
        }
    }

    public StubIssue? Find(int number)
    {
        lock (gate)
        {
            return issues.FirstOrDefault(issue => issue.Number == number);
        }
    }

    public IReadOnlyList<StubIssueComment> CommentsOn(int number)
    {
        lock (gate)
        {
            return [.. comments.Where(comment => comment.IssueNumber == number).OrderBy(comment => comment.Id)];
        }
    }

    /// <summary>Defines a label up front, as a repository that already has it.</summary>
    public StubLabel AddLabel(string name, string color = "d73a4a", string? description = null)
    {
        lock (gate)
        {
            return EnsureLabel(name, color, description);
        }
    }

    /// <summary>Opens an issue (what POST …/issues does); unknown labels are created.</summary>
    /// <summary>
    /// Runs once, just before the next issue is created through the API: lets a test play another job that opened
    /// the same issue between this one's look-up and its create (a race).
    /// </summary>
    public Action? BeforeNextCreate { get; set; }

    internal void RunBeforeNextCreate()
    {
        var action = BeforeNextCreate;
        BeforeNextCreate = null;
        action?.Invoke();
    }

    public StubIssue Create(string title, string? body, IEnumerable<string> labelNames)
    {
        lock (gate)
        {
            var names = labelNames.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => EnsureLabel(name, ImplicitLabelColor, null).Name).ToList();
            var now = DateTimeOffset.UtcNow;
            // Issue numbers are shared with pull requests on GitHub, so they never start at 1 in a real repository.
            var issue = new StubIssue(issues.Count == 0 ? 101 : issues.Max(existing => existing.Number) + 1, title, body, "open", null, names, now, now, null);
            issues.Add(issue);
            return issue;
        }
    }

    /// <summary>Issues filtered like GET …/issues: state (open, closed, all) and labels (all must be present, case-insensitive), newest first.</summary>
    public IReadOnlyList<StubIssue> List(string state, IReadOnlyCollection<string> requiredLabels)
    {
        lock (gate)
        {
            return
            [
                .. issues
                    .Where(issue => state == "all" || issue.State == state)
                    .Where(issue => requiredLabels.All(label => issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase)))
                    .OrderByDescending(issue => issue.Number),
            ];
        }
    }

    public StubIssueComment? Comment(int number, string body)
    {
        lock (gate)
        {
            var index = issues.FindIndex(issue => issue.Number == number);
            if (index < 0)
            {
                return null;
            }

            var comment = new StubIssueComment(nextCommentId++, number, body, DateTimeOffset.UtcNow);
            comments.Add(comment);
            issues[index] = issues[index] with { UpdatedAt = comment.CreatedAt };
            return comment;
        }
    }

    /// <summary>
    /// Applies PATCH …/issues/{n}: null leaves a field as it is. Closing sets closed_at and state_reason
    /// (completed unless given); reopening clears closed_at and sets state_reason to reopened, as GitHub does.
    /// </summary>
    public StubIssue? Update(int number, string? title, string? body, string? state, string? stateReason, IReadOnlyList<string>? labelNames)
    {
        lock (gate)
        {
            var index = issues.FindIndex(issue => issue.Number == number);
            if (index < 0)
            {
                return null;
            }

            var issue = issues[index];
            var now = DateTimeOffset.UtcNow;
            var updated = issue with
            {
                Title = title ?? issue.Title,
                Body = body ?? issue.Body,
                Labels = labelNames is null ? issue.Labels : [.. labelNames.Select(name => EnsureLabel(name, ImplicitLabelColor, null).Name)],
                UpdatedAt = now,
            };
            if (state == "closed" && issue.IsOpen)
            {
                updated = updated with { State = "closed", StateReason = stateReason ?? "completed", ClosedAt = now };
            }
            else if (state == "open" && !issue.IsOpen)
            {
                updated = updated with { State = "open", StateReason = "reopened", ClosedAt = null };
            }
            else if (stateReason is not null)
            {
                updated = updated with { StateReason = stateReason };
            }

            issues[index] = updated;
            return updated;
        }
    }

    private StubLabel EnsureLabel(string name, string color, string? description)
    {
        if (labels.FirstOrDefault(label => string.Equals(label.Name, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            return existing;
        }

        var label = new StubLabel(208045946 + labels.Count, name, color, description);
        labels.Add(label);
        return label;
    }
}
