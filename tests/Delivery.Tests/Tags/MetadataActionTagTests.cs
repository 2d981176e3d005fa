using Delivery.Events;
using Delivery.Tags;

namespace Delivery.Tests.Tags;

/// <summary>
/// docker/metadata-action's tag outputs (__tests__/meta.test.ts at commit dc80280, fixtures __tests__/fixtures/*.env),
/// ported for the cases whose inputs the build reads: the same tags and flavor text in, the same tags out (those of
/// the first image, without the image name). Left out: match and pep440 rules, the commit_date and base_ref
/// expressions ({{commit_date …}}, {{base_ref}}) and pull_request_target, whose ref is the base branch. A case without
/// tags takes the action's default rules (<see cref="ActionDefaults"/>, whose schedule rule applies only on a schedule
/// event). Every case runs at the action's test clock, 2020-01-10T00:30:00Z (meta.test.ts mocks moment-timezone and
/// Date.toISOString with it).
/// </summary>
public sealed class MetadataActionTagTests
{
    private const string PrHeadSha = "a9c8c5828b91be19d9728548b24759e352367ef1";

    /// <summary>metadata-action's tags when the input is empty (src/tag.ts, <c>Transform</c>).</summary>
    private const string ActionDefaults = "type=schedule\ntype=ref,event=branch\ntype=ref,event=tag\ntype=ref,event=pr";

    private static readonly DateTimeOffset ActionClock = new(2020, 1, 10, 0, 30, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("push01", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "dev");
        yield return Case("push02", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=edge", null,
            "edge");
        yield return Case("push03", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            ActionDefaults, null,
            "master");
        yield return Case("push04", "workflow_dispatch", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=edge", null,
            "edge");
        yield return Case("push05", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "dev");
        yield return Case("push06", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=edge", null,
            "edge");
        yield return Case("push07", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=branch\ntype=sha", null,
            "dev", "sha-860c190");
        yield return Case("push08", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=edge\ntype=sha", null,
            "edge", "sha-2665741");
        yield return Case("push09", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=edge,branch=dev\ntype=sha", null,
            "edge", "sha-860c190");
        yield return Case("push10", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=edge,branch=dev\ntype=sha", null,
            "sha-2665741");
        yield return Case("push11", "push", "refs/heads/my/feature#1245", "983315b5e8d46e46fc4c49869e85e7ee5fb289ba", "master",
            "type=edge\ntype=sha", null,
            "sha-983315b");
        yield return Case("push13", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=ref,priority=2000,event=branch\ntype=edge", null,
            "master", "edge");
        yield return Case("push18", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=branch\ntype=sha,format=long", null,
            "dev", "sha-860c1904a1ce19322e91ac35af1ab07466440c37");
        yield return Case("push19", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=edge,branch=master\ntype=ref,event=branch,enable=false\ntype=sha,format=long\ntype=raw,value=defbranch,enable={{is_default_branch}}", null,
            "sha-860c1904a1ce19322e91ac35af1ab07466440c37");
        yield return Case("push20", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=edge,branch=master\ntype=ref,event=branch,enable=false\ntype=sha,format=long", null,
            "sha-860c1904a1ce19322e91ac35af1ab07466440c37");
        yield return Case("push22", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=edge,branch=master\ntype=sha,format=long\ntype=raw,value=notdefbranch,enable={{is_not_default_branch}}", null,
            "notdefbranch", "sha-860c1904a1ce19322e91ac35af1ab07466440c37");
        yield return Case("tag01", "push", "refs/tags/release1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "release1", "latest");
        yield return Case("tag02", "push", "refs/tags/20200110-RC2", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "20200110-RC2", "latest");
        yield return Case("tag11", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}", null,
            "1.1.1", "1.1", "1", "latest");
        yield return Case("tag12", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}.{{patch}}", null,
            "1.1.1", "latest");
        yield return Case("tag13", "push", "refs/tags/v2.0.8-beta.67", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}", null,
            "2.0.8-beta.67");
        yield return Case("tag14", "push", "refs/tags/sometag", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=tag\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}", "latest=false",
            "sometag");
        yield return Case("tag16", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=raw,priority=2000,foo\ntype=ref,event=tag\ntype=edge", null,
            "foo", "v1.1.1");
        yield return Case("tag21", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}.{{patch}}", "suffix=-dev,onlatest=true",
            "1.1.1-dev", "latest-dev");
        yield return Case("tag22", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}.{{patch}}", "prefix=foo-,onlatest=true\nsuffix=-dev,onlatest=true",
            "foo-1.1.1-dev", "foo-latest-dev");
        yield return Case("tag31", "push", "refs/tags/v2.0.8-beta.67", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{raw}}", null,
            "v2.0.8-beta.67");
        yield return Case("latest05", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "v1.1.1", "latest");
        yield return Case("latest07", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=tag", "latest=false",
            "v1.1.1");
        yield return Case("latest08", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=tag", "latest=false",
            "v1.1.1");
        yield return Case("latest09", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=tag", "latest=false",
            "v1.1.1");
        yield return Case("pr01", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            ActionDefaults, null,
            "pr-15");
        yield return Case("pr02", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            ActionDefaults, null,
            "pr-15");
        yield return Case("pr03", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            "type=ref,event=pr\ntype=sha", null,
            "pr-15", "sha-a9c8c58");
        yield return Case("pr04", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            "type=sha,priority=2000\ntype=ref,event=pr", null,
            "sha-a9c8c58", "pr-15");
        yield return Case("pr05", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            "type=ref,event=pr", "prefix=glo-\nsuffix=-bal",
            "pr-15-bal");
        yield return Case("pr06", "pull_request", "refs/pull/15/merge", "a9c8c5828b91be19d9728548b24759e352367ef1", "master",
            "type=ref,event=pr,prefix=", "prefix=glo-\nsuffix=-bal",
            "15-bal");
        yield return Case("release01", "release", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "v1.1.1", "latest");
        yield return Case("raw01", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=branch\ntype=raw,my\ntype=raw,custom\ntype=raw,tags", null,
            "dev", "my", "custom", "tags");
        yield return Case("raw02", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=branch\ntype=raw,my", null,
            "dev", "my");
        yield return Case("raw03", "push", "refs/tags/release1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,event=tag\ntype=raw,my\ntype=raw,custom\ntype=raw,tags", null,
            "release1", "my", "custom", "tags", "latest");
        yield return Case("raw05", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}\ntype=raw,my\ntype=raw,custom\ntype=raw,tags", null,
            "1.1.1", "1.1", "1", "my", "custom", "tags", "latest");
        yield return Case("raw06", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=raw,my\ntype=raw,custom\ntype=raw,tags", null,
            "my", "custom", "tags");
        yield return Case("raw07", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=ref,priority=90,event=branch\ntype=raw,my\ntype=raw,custom\ntype=raw,tags", "latest=true",
            "my", "custom", "tags", "dev", "latest");
        yield return Case("raw10", "push", "refs/heads/dev", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=raw,foo\ntype=raw,bar,enable=false\ntype=raw,baz,enable=true", "latest=false",
            "foo", "baz");
        // event_schedule.env: a scheduled run of master.
        yield return Case("schedule01", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "nightly", "master");
        yield return Case("schedule03", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule,pattern={{date 'YYYYMMDD-HHmmss'}}", null,
            "20200110-003000");
        yield return Case("schedule04", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            ActionDefaults, null,
            "nightly", "master");
        yield return Case("schedule05", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule\ntype=sha", null,
            "nightly", "sha-860c190");
        yield return Case("schedule06", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule\ntype=sha,priority=2000\ntype=raw,value=defbranch,enable={{is_default_branch}}", null,
            "sha-860c190", "nightly", "defbranch");
        yield return Case("schedule07", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule", "prefix=glo-\nsuffix=-bal",
            "glo-nightly-bal");
    }

    // Cases without their lines that use what the build leaves out ({{commit_date …}}, {{base_ref}}): push17 (on master,
    // no tag), tag20's {{tag}}-{{sha}} line, schedule02's and schedule08's {{date …}} lines, release03's.
    private static IEnumerable<TestCaseData> ExpressionCases()
    {
        yield return Case("push17 without commit_date and base_ref", "push", "refs/heads/master", "266574110acf203503badf966df2ea24b5d732d7", "master",
            "type=raw,value=mytag-{{branch}}\ntype=raw,value=mytag-{{date 'YYYYMMDD'}}\ntype=raw,value=mytag-{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}\n"
            + "type=raw,value=mytag-tag-{{tag}}\ntype=raw,value=mytag-defbranch,enable={{is_default_branch}}", null,
            "mytag-master", "mytag-20200110", "mytag-20200110-093000", "mytag-tag-", "mytag-defbranch");
        yield return Case("schedule02 {{date}}", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule,pattern={{date 'YYYYMMDD'}}", null, "20200110");
        yield return Case("schedule08 {{date}} tz", "schedule", "refs/heads/master", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", null, "20200110-093000");
        yield return Case("release03 {{date}}", "release", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=raw,value={{date 'YYYYMMDD-HHmmss'}}", null, "20200110-003000");
        yield return Case("tag20 {{tag}}-{{sha}}", "push", "refs/tags/v1.1.1", "860c1904a1ce19322e91ac35af1ab07466440c37", "master",
            "type=raw,{{tag}}-{{sha}}-foo", null, "v1.1.1-860c190-foo");
    }

    private static TestCaseData Case(string id, string eventName, string reference, string sha, string defaultBranch, string tags, string? flavor,
        params string[] expected) =>
        new TestCaseData(new EventContext { EventName = eventName, Ref = reference, Sha = sha, DefaultBranch = defaultBranch, Now = ActionClock }, tags, flavor, expected)
            .SetName($"{{m}}: {id}");

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(ExpressionCases))]
    public void Tags_are_metadata_action_s(EventContext context, string tags, string? flavor, string[] expected)
    {
        var rules = TagRuleParser.Parse(tags);

        var result = TagEvaluator.Evaluate(rules, flavor is null ? TagFlavor.Default : TagFlavorParser.Parse(flavor), context);

        Assert.That(result.Values, Is.EqualTo(expected));
    }
}
