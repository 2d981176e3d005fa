using System.Text.RegularExpressions;
using Build.Tests.Docs;

namespace Build.Tests;

/// <summary>
/// The Chinese documents in docs/zh-CN/ keep in step with their English originals: the same headings, in the same
/// order and at the same levels, each Chinese heading carrying the English heading's anchor (<c>&lt;a id="…"&gt;&lt;/a&gt;</c>,
/// so links into either language resolve alike) and its code spans. A heading added to or renamed in the English
/// document fails here until the translation follows.
/// </summary>
public sealed partial class DocsTranslationTests
{
    /// <summary>English document → its translation, both under docs/.</summary>
    public static IEnumerable<TestCaseData> Translations =>
    [
        new TestCaseData("troubleshooting.md", "zh-CN/troubleshooting.md"),
        new TestCaseData("training.md", "zh-CN/training.md"),
    ];

    [TestCaseSource(nameof(Translations))]
    public void The_Chinese_document_has_every_English_heading(string english, string chinese)
    {
        var problems = Compare(Read(english), Read(chinese));

        Assert.That(problems, Is.Empty,
            $"docs/{chinese} is out of step with docs/{english}: translate the change, giving each Chinese heading the English heading's anchor (<a id=\"…\"></a>) and code spans.");
    }

    [TestCaseSource(nameof(Translations))]
    public void The_Chinese_document_names_its_original_and_the_commit_it_follows(string english, string chinese)
    {
        var firstLine = Read(chinese).Split('\n')[0];

        Assert.That(Origin().Match(firstLine) is { Success: true } origin && origin.Groups["path"].Value == $"docs/{english}", Is.True,
            $"docs/{chinese} must start with '> 译自 [docs/{english}](../{english})，对应英文版提交 <commit>（<date>）。', not: {firstLine}");
    }

    [TestCaseSource(nameof(Translations))]
    public void The_Chinese_document_s_own_links_reach_its_anchors(string english, string chinese)
    {
        _ = english;
        var markdown = Read(chinese);
        var anchors = MarkdownHeading.Parse(markdown).Select(heading => heading.ExplicitAnchor ?? heading.Slug).ToHashSet(StringComparer.Ordinal);

        Assert.That(LocalLink().Matches(markdown).Select(match => match.Groups["id"].Value).Where(id => !anchors.Contains(id)).Distinct(), Is.Empty,
            $"links in docs/{chinese} to anchors it does not have");
    }

    [Test]
    public void The_readme_of_the_Chinese_docs_exists_and_the_English_readme_links_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Origin().IsMatch(Read("zh-CN/README.md").Split('\n')[0]), Is.True, "docs/zh-CN/README.md names the English original on its first line");
            Assert.That(DocumentSet.Read("README.md"), Does.Contain("中文文档: [docs/zh-CN/](docs/zh-CN/README.md)"));
        });
    }

    [Test]
    public void An_English_heading_without_its_Chinese_counterpart_is_reported()
    {
        const string english = """
            # Troubleshooting
            ## No Docker engine
            ```bash
            # a comment, not a heading
            ```
            ## Use `--profile offline`
            ### Added later
            """;
        const string chinese = """
            # 故障排查 <a id="troubleshooting"></a>
            ## 没有可用的 Docker 引擎 <a id="no-docker-engine"></a>
            ## 使用离线 profile <a id="use---profile-offline"></a>
            """;

        Assert.That(Compare(english, chinese), Is.EqualTo(new[]
        {
            "line 6: ## Use `--profile offline` (#use---profile-offline): the Chinese line 3: ## 使用离线 profile <a id=\"use---profile-offline\"></a> lacks `--profile offline`",
            "line 7: ### Added later (#added-later): no Chinese heading; add ### … <a id=\"added-later\"></a> after line 3",
        }));
    }

    private static List<string> Compare(string englishMarkdown, string chineseMarkdown)
    {
        var english = MarkdownHeading.Parse(englishMarkdown);
        var chinese = MarkdownHeading.Parse(chineseMarkdown);
        var problems = new List<string>();
        for (var index = 0; index < Math.Max(english.Count, chinese.Count); index++)
        {
            if (index >= english.Count)
            {
                problems.Add($"Chinese {chinese[index]}: no English heading at this position (removed from the English document?)");
                continue;
            }

            var original = english[index];
            var prefix = $"{original} (#{original.Slug})";
            if (index >= chinese.Count)
            {
                var after = chinese.Count > 0 ? $"after line {chinese[^1].Line}" : "as the first heading";
                problems.Add($"{prefix}: no Chinese heading; add {new string('#', original.Level)} … <a id=\"{original.Slug}\"></a> {after}");
                continue;
            }

            var translation = chinese[index];
            if (translation.Level != original.Level)
            {
                problems.Add($"{prefix}: the Chinese {translation} is level {translation.Level}, not {original.Level}");
            }

            if (translation.ExplicitAnchor != original.Slug)
            {
                problems.Add($"{prefix}: the Chinese {translation} does not carry <a id=\"{original.Slug}\"></a>");
            }

            problems.AddRange(original.CodeSpans.Where(code => !translation.CodeSpans.Contains(code))
                .Select(code => $"{prefix}: the Chinese {translation} lacks `{code}`"));
        }

        return problems;
    }

    private static string Read(string pathUnderDocs) => DocumentSet.Read($"docs/{pathUnderDocs}").ReplaceLineEndings("\n");

    [GeneratedRegex(@"^> 译自 \[(?<path>[^\]]+)\]\([^)]+\).*提交 [0-9a-f]{7,40}")]
    private static partial Regex Origin();

    [GeneratedRegex(@"\]\(#(?<id>[^)]+)\)")]
    private static partial Regex LocalLink();
}
