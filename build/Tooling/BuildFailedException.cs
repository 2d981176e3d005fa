namespace Tooling;

/// <summary>
/// A failure the user can act on: the message names the problem and the fix, and is printed without a
/// stack trace.
/// </summary>
public class BuildFailedException(string message, Exception? inner = null) : Exception(message, inner);
