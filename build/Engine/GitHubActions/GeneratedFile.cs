namespace BuildEngine;

/// <summary>
/// A file the build generates. A workflow is <see cref="Checked"/> (--check-workflows fails while the committed copy
/// differs); the action pins file is only written: it may lag behind a workflow a Dependabot pull request bumped, and
/// catches up at the next generation.
/// </summary>
internal sealed record GeneratedFile(string RelativePath, string Content, bool Checked = true);
