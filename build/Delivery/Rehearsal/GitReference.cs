using Tooling;

namespace Delivery.Rehearsal;

/// <summary>A branch or tag ref as GitHub names it: refs/heads/&lt;branch&gt; or refs/tags/&lt;tag&gt;.</summary>
public sealed record GitReference(string Value)
{
    private const string BranchPrefix = "refs/heads/";
    private const string TagPrefix = "refs/tags/";

    public bool IsTag => Value.StartsWith(TagPrefix, StringComparison.Ordinal);

    /// <summary>main for refs/heads/main, v1.2.3 for refs/tags/v1.2.3 (GitHub's ref_name).</summary>
    public string Name => IsTag ? Value[TagPrefix.Length..] : Value[BranchPrefix.Length..];

    public static GitReference Branch(string name) => new(BranchPrefix + name);

    public static GitReference Parse(string value)
    {
        var isBranch = value.StartsWith(BranchPrefix, StringComparison.Ordinal) && value.Length > BranchPrefix.Length;
        var isTag = value.StartsWith(TagPrefix, StringComparison.Ordinal) && value.Length > TagPrefix.Length;
        if (!isBranch && !isTag)
        {
            throw new BuildFailedException(
                $"--rehearse-ref '{value}' is not a full branch or tag ref. Write it as GitHub does: refs/heads/<branch> or refs/tags/<tag> (e.g. refs/heads/main, refs/tags/v1.2.3).");
        }

        return new GitReference(value);
    }

    public override string ToString() => Value;
}
