namespace Tooling;

/// <summary>
/// One program the build runs, as NUKE's <c>Tool</c>: the only way a delivery class starts a process. The build's
/// tools come from <see cref="ToolRunner.Get"/> (which resolves the program on PATH at each call, fails with how to
/// install it when it is missing, logs <c>&gt; tool args</c> with secrets redacted and fails on a non-zero exit);
/// a test that only checks the arguments passes a lambda instead.
/// </summary>
/// <param name="arguments">The arguments, one element each (never joined into a shell line).</param>
/// <param name="options">Working directory, environment, standard input, logging and failure handling of this call.</param>
public delegate Task<ToolResult> Tool(IReadOnlyList<string> arguments, ToolOptions? options = null);
