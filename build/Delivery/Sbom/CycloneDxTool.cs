using Tooling;

namespace Delivery.Sbom;

/// <summary>
/// The CycloneDX dotnet tool (a local tool in .config/dotnet-tools.json, restored from NuGet) over one project:
/// its NuGet packages, read from the restored obj/project.assets.json.
/// </summary>
public sealed class CycloneDxTool(Tool dotnet, string rootDirectory)
{
    /// <summary>CycloneDX 1.6: current, and read by Dependency-Track, Trivy and GitHub's dependency graph.</summary>
    public const string SpecVersion = "1.6";

    public async Task<CycloneDxDocument> CreateAsync(string project, string outputDirectory, string fileName, string name, string version)
    {
        Directory.CreateDirectory(outputDirectory);
        var options = new ToolOptions { WorkingDirectory = rootDirectory };
        await dotnet(["tool", "restore"], options);
        await dotnet(
        [
            "CycloneDX", project, "--output", outputDirectory, "--filename", fileName, "--output-format", "Json",
            "--spec-version", SpecVersion, "--set-type", "Container", "--set-name", name, "--set-version", version,
            // The build's Restore target restored the locked graph; the BOM lists exactly that.
            "--disable-package-restore",
        ], options);
        return CycloneDxDocument.Load(Path.Combine(outputDirectory, fileName));
    }
}
