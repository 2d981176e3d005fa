using Serilog.Core;
using Tooling;

namespace BuildEngine;

/// <summary>
/// The terminal the build writes to. Every line goes through the secret masker. CI hosts derive from it to
/// add their own markup (groups, annotations, a step summary).
/// </summary>
public class BuildHost(TextWriter output, SecretMasker masker, bool colors)
{
    private const int RuleWidth = 60;

    public TextWriter Output { get; } = output;
    public bool Colors { get; } = colors;
    protected internal SecretMasker Masker { get; } = masker;

    public virtual HostKind Kind => HostKind.Terminal;

    public static BuildHost Create(HostKind kind, TextWriter output, SecretMasker masker, IReadOnlyDictionary<string, string> environment)
    {
        var colors = !environment.ContainsKey("NO_COLOR") && (kind == HostKind.GitHubActions || !Console.IsOutputRedirected) && output == Console.Out;
        return kind switch
        {
            HostKind.GitHubActions => new GitHubActionsHost(output, masker, colors, environment.GetValueOrDefault("GITHUB_STEP_SUMMARY")),
            _ => new BuildHost(output, masker, colors),
        };
    }

    public static HostKind Detect(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") == "true" ? HostKind.GitHubActions : HostKind.Terminal;

    public void WriteLine(string text = "") => Output.WriteLine(Masker.Redact(text));

    public string Style(string text, string ansi) => Colors ? ansi + text + Ansi.Reset : text;

    public virtual void BeginTarget(string name)
    {
        WriteLine();
        WriteLine(Style(new string('═', RuleWidth), Ansi.Cyan));
        WriteLine(Style(name, Ansi.Bold));
        WriteLine(Style(new string('─', RuleWidth), Ansi.Cyan));
        WriteLine();
    }

    public virtual void EndTarget(string name)
    {
    }

    /// <summary>A sink for warnings and errors in the host's own annotation format, if it has one.</summary>
    public virtual ILogEventSink? CreateAnnotationSink() => null;

    /// <summary>Publishes the end-of-build summary (Markdown) where the host shows such things.</summary>
    public virtual void PublishSummary(string markdown)
    {
    }
}
