namespace BuildEngine;

/// <summary>The shells <c>--completion</c> writes a script for.</summary>
public enum CompletionShell
{
    Bash,
    Zsh,
    Pwsh,
}
