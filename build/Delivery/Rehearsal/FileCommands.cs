namespace Delivery.Rehearsal;

/// <summary>
/// The files a step writes to talk to the runner: GITHUB_ENV, GITHUB_OUTPUT (NAME=value lines, or
/// NAME&lt;&lt;DELIMITER multi-line blocks), GITHUB_PATH (one folder per line), GITHUB_STEP_SUMMARY (Markdown).
/// Fresh, empty files for each step, read back when it ends.
/// </summary>
public sealed class FileCommands
{
    private FileCommands(string directory)
    {
        var id = Guid.NewGuid().ToString("N");
        Env = Path.Combine(directory, $"set_env_{id}");
        Output = Path.Combine(directory, $"set_output_{id}");
        PathFile = Path.Combine(directory, $"add_path_{id}");
        Summary = Path.Combine(directory, $"step_summary_{id}");
        State = Path.Combine(directory, $"save_state_{id}");
    }

    public string Env { get; }

    public string Output { get; }

    public string PathFile { get; }

    public string Summary { get; }

    public string State { get; }

    public static FileCommands Create(string directory)
    {
        var commands = new FileCommands(directory);
        foreach (var file in new[] { commands.Env, commands.Output, commands.PathFile, commands.Summary, commands.State })
        {
            File.WriteAllText(file, "");
            FileModes.SharedFile(file);
        }

        return commands;
    }

    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["GITHUB_ENV"] = Env,
        ["GITHUB_OUTPUT"] = Output,
        ["GITHUB_PATH"] = PathFile,
        ["GITHUB_STEP_SUMMARY"] = Summary,
        ["GITHUB_STATE"] = State,
    };

    public IReadOnlyList<string> ReadPaths() =>
        [.. File.ReadAllLines(PathFile).Select(line => line.Trim()).Where(line => line.Length > 0)];

    public string ReadSummary() => File.ReadAllText(Summary);

    public static IReadOnlyDictionary<string, string> ReadPairs(string file)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(file);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var name = line[..heredoc];
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                while (++index < lines.Length && lines[index] != delimiter)
                {
                    value.Add(lines[index]);
                }

                if (index >= lines.Length)
                {
                    throw new InvalidOperationException($"Matching delimiter not found '{delimiter}' (for {name}).");
                }

                pairs[name] = string.Join('\n', value);
            }
            else if (equals > 0)
            {
                pairs[line[..equals]] = line[(equals + 1)..];
            }
            else if (line.Trim().Length > 0)
            {
                throw new InvalidOperationException($"Invalid format '{line}': expected NAME=value or NAME<<DELIMITER.");
            }
        }

        return pairs;
    }
}
