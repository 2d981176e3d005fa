using System.Security.Cryptography;
using System.Text;

namespace BuildEngine;

/// <summary>
/// Remembers, in <c>.nuke/temp/build-attempt.log</c>, which targets of an invocation succeeded, so that
/// <c>--continue</c> with the same arguments re-runs from the first target that did not.
/// </summary>
internal sealed class BuildAttempt(string path, string invocationKey)
{
    public static BuildAttempt For(string path, IEnumerable<string> arguments)
    {
        var relevant = arguments.Where(argument => !argument.Equals("--continue", StringComparison.OrdinalIgnoreCase));
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', relevant))));
        return new BuildAttempt(path, key);
    }

    /// <summary>Targets that succeeded in the previous attempt, if it was the same invocation.</summary>
    public IReadOnlySet<string> SucceededBefore()
    {
        if (!File.Exists(path))
        {
            return new HashSet<string>();
        }

        var lines = File.ReadAllLines(path);
        return lines.Length > 0 && lines[0] == invocationKey ? lines.Skip(1).ToHashSet() : new HashSet<string>();
    }

    public void Start(IEnumerable<string> alreadySucceeded)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, alreadySucceeded.Prepend(invocationKey));
    }

    public void RecordSuccess(string target) => File.AppendAllLines(path, [target]);
}
