using Delivery.Docker;
using Delivery.Rehearsal;
using Delivery.Scanning;
using Delivery.Signing;
using Tooling;

/// <summary>
/// The programs the build hands to the delivery classes, each a <see cref="Tool"/> made here and nowhere else (NUKE's
/// tool properties): a missing one fails the call that needs it with how to install it, and a test of a delivery class
/// passes its own.
/// </summary>
partial class Build
{
    /// <summary>The docker CLI; targets use it through <see cref="Docker"/>.</summary>
    Tool DockerTool => Tools.Get("docker", DockerCli.InstallHint);

    Tool Git => Tools.Get("git");

    Tool Dotnet => Tools.Get("dotnet");

    Tool Cosign => Tools.Get("cosign", CosignCli.InstallHint);

    Tool Gitleaks => Tools.Get("gitleaks", GitleaksScanner.InstallHint);

    /// <summary>Trivy from --trivy-path, else from PATH: located when asked for, so a missing one fails before any work.</summary>
    Tool Trivy => Tools.Get(TrivyScanner.Locate(TrivyPath), TrivyScanner.InstallHint);

    /// <summary>What a rehearsal runs on this machine (its jobs run theirs in the runner containers).</summary>
    RehearsalTools RehearsalTools => new(Git, DockerTool, Cosign, Tools.Get("npm"), Tools.Get("stat"));
}
