using Tooling;

namespace Delivery.Rehearsal;

/// <summary>The programs a rehearsal runs on this machine (the jobs' own run inside their runner containers).</summary>
public sealed record RehearsalTools(Tool Git, Tool Docker, Tool Cosign, Tool Npm, Tool Stat);
