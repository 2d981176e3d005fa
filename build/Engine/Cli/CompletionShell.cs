namespace BuildEngine;

/// <summary>The shells <c>--completion</c> writes a script for.</summary>
internal enum CompletionShell
{
    Bash,
    Zsh,
    Pwsh,
}
