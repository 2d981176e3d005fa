using System.Text.Json.Nodes;
using Delivery.Sbom;

namespace Delivery.Tests.Sbom;

/// <summary>The SBOM the build assembles: the CycloneDX tool's NuGet BOM plus the image, the runtime, the base image and syft's packages.</summary>
public sealed class SbomTests
{
    private const string NuGetBom = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
          "metadata": { "component": { "type": "container", "name": "Gateway", "version": "0.0.0" } },
          "components": [
            { "type": "library", "bom-ref": "pkg:nuget/Yarp.ReverseProxy@2.3.0", "name": "Yarp.ReverseProxy", "version": "2.3.0", "purl": "pkg:nuget/Yarp.ReverseProxy@2.3.0" }
          ]
        }
        """;

    [Test]
    public void Runtimes_are_read_from_dotnet_list_runtimes() =>
        Assert.That(DotnetRuntimes.Parse(
        [
            "Microsoft.AspNetCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]",
            "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]",
            "",
        ]), Is.EqualTo(new[] { new DotnetRuntime("Microsoft.AspNetCore.App", "10.0.12"), new DotnetRuntime("Microsoft.NETCore.App", "10.0.12") }));

    [Test]
    public void The_bom_describes_the_image_its_runtime_and_its_base_image()
    {
        var bom = CycloneDxDocument.Parse(NuGetBom);

        bom.DescribeContainer("ghcr.io/acme/gateway", "sha256:abc", "1.2.3");
        bom.AddRuntime(new DotnetRuntime("Microsoft.NETCore.App", "10.0.12"));
        bom.AddBaseImage("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled");

        var json = JsonNode.Parse(bom.ToJson())!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["metadata"]!["component"]!["name"], Is.EqualTo("ghcr.io/acme/gateway"));
            Assert.That((string?)json["metadata"]!["component"]!["hashes"]![0]!["content"], Is.EqualTo("abc"));
            Assert.That(bom.Components.Select(component => $"{(string?)component["type"]} {(string?)component["name"]} {(string?)component["version"]}"), Is.EqualTo(new[]
            {
                "library Yarp.ReverseProxy 2.3.0",
                "framework Microsoft.NETCore.App 10.0.12",
                "container mcr.microsoft.com/dotnet/aspnet 10.0-noble-chiseled",
            }));
        });
    }

    [Test]
    public void A_digest_pinned_base_image_keeps_its_digest_as_version()
    {
        var bom = CycloneDxDocument.Parse(NuGetBom);

        bom.AddBaseImage("127.0.0.1:5000/dotnet/aspnet@sha256:def");

        Assert.That((string?)bom.Components[^1]["name"] + " " + (string?)bom.Components[^1]["version"], Is.EqualTo("127.0.0.1:5000/dotnet/aspnet sha256:def"));
    }

    [Test]
    public void Merging_syfts_bom_adds_only_what_is_not_listed_yet()
    {
        var bom = CycloneDxDocument.Parse(NuGetBom);
        var syft = CycloneDxDocument.Parse("""
            {
              "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [
                { "type": "library", "name": "Yarp.ReverseProxy", "version": "2.3.0", "purl": "pkg:nuget/Yarp.ReverseProxy@2.3.0" },
                { "type": "library", "name": "libc6", "version": "2.39-0ubuntu8.3", "purl": "pkg:deb/ubuntu/libc6@2.39-0ubuntu8.3?arch=amd64" }
              ]
            }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(bom.Merge(syft), Is.EqualTo(1));
            Assert.That(bom.Components.Select(component => (string?)component["name"]), Is.EqualTo(new[] { "Yarp.ReverseProxy", "libc6" }));
        });
    }

    [Test]
    public void Json_that_is_not_cyclonedx_is_rejected() =>
        Assert.That(() => CycloneDxDocument.Parse("""{"spdxVersion": "SPDX-2.3"}"""), Throws.TypeOf<FormatException>());
}
