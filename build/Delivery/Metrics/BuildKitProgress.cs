using System.Text.RegularExpressions;

namespace Delivery.Metrics;

/// <summary>
/// Reads BuildKit's <c>--progress plain</c> output (what DockerBuild's <c>docker buildx build</c> prints on standard
/// error) for cache hits and the build-context transfer. Every line of a build step (a "vertex") starts with its
/// number, <c>#12</c>; the first names it (<c>#12 [build 6/10] RUN dotnet restore …</c>), later ones report on it
/// (<c>#12 CACHED</c>, <c>#7 transferring context: 2.31MB 0.4s done</c>). Lines of parallel steps interleave, and a
/// step's name line may repeat when its output resumes, so everything is keyed by the vertex number.
/// </summary>
public static partial class BuildKitProgress
{
    private const string BuildContextVertex = "load build context";

    public static BuildKitBuildStats Parse(IEnumerable<string> lines)
    {
        var steps = new Dictionary<int, bool>(); // vertex → cached
        var contextVertices = new HashSet<int>();
        var transferred = new Dictionary<int, long>(); // vertex → bytes, the last (cumulative) report wins
        foreach (var line in lines)
        {
            var match = VertexLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var vertex = int.Parse(match.Groups["vertex"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var text = match.Groups["text"].Value;
            if (StepName().Match(text) is { Success: true } step)
            {
                if (!step.Groups["instruction"].Value.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase))
                {
                    steps.TryAdd(vertex, false);
                }
            }
            else if (text.StartsWith('[') && text.EndsWith(BuildContextVertex, StringComparison.Ordinal))
            {
                contextVertices.Add(vertex);
            }
            else if (text == "CACHED" && steps.ContainsKey(vertex))
            {
                steps[vertex] = true;
            }
            else if (TransferLine().Match(text) is { Success: true } transfer && ByteSizeText.TryParse(transfer.Groups["size"].Value) is { } bytes)
            {
                transferred[vertex] = bytes;
            }
        }

        var context = transferred.Where(pair => contextVertices.Contains(pair.Key)).Select(pair => pair.Value).ToList();
        return new BuildKitBuildStats(steps.Values.Count(cached => cached), steps.Count, context.Count == 0 ? null : context.Sum());
    }

    [GeneratedRegex(@"^#(?<vertex>\d+) (?<text>.*?)\s*$")]
    private static partial Regex VertexLine();

    /// <summary><c>[build  6/10] RUN …</c>, <c>[1/2] COPY …</c>, <c>[linux/arm64 runtime 3/3] COPY …</c>.</summary>
    [GeneratedRegex(@"^\[[^\]]*?\d+/\d+\] (?<instruction>.*)$")]
    private static partial Regex StepName();

    [GeneratedRegex(@"^transferring context: (?<size>[\d.]+\s*[kKMGT]?i?B)\b")]
    private static partial Regex TransferLine();
}
