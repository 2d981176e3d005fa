namespace BuildEngine;

internal enum Verbosity
{
    /// <summary>Errors only.</summary>
    Quiet,

    /// <summary>Warnings and errors.</summary>
    Minimal,

    /// <summary>Progress, tool output, warnings and errors.</summary>
    Normal,

    /// <summary>Everything, including debug detail.</summary>
    Verbose,
}
