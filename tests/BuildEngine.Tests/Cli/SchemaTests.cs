using System.Text.Json.Nodes;

namespace BuildEngine.Tests;

public sealed class SchemaTests : BuildFixture
{
    private const string SchemaPath = ".nuke/build.schema.json";

    [Test]
    public async Task The_schema_describes_every_parameter_with_its_type()
    {
        await RunAsync(new ParameterBuild());

        var properties = ReadSchema()["properties"]!;
        Assert.That(properties["ReleaseChannel"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(properties["ReleaseChannel"]!["description"]!.GetValue<string>(), Is.EqualTo("Channel to publish to."));
        Assert.That(properties["Force"]!["type"]!.GetValue<string>(), Is.EqualTo("boolean"));
        Assert.That(properties["Retries"]!["type"]!.GetValue<string>(), Is.EqualTo("integer"));
        Assert.That(properties["Output"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(properties["Tags"]!["type"]!.GetValue<string>(), Is.EqualTo("array"));
        Assert.That(properties["Tags"]!["items"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(properties["Pin"], Is.Null, "a secret: a file of the repository may not set it");
    }

    [Test]
    public async Task The_schema_lists_the_values_of_enums_and_enumerations()
    {
        await RunAsync(new ParameterBuild());

        var properties = ReadSchema()["properties"]!;
        Assert.That(Strings(properties["Tint"]!["enum"]!), Is.EqualTo(["Red", "Green", "Blue"]));
        Assert.That(Strings(properties["Configuration"]!["enum"]!), Is.EqualTo(["Debug", "Release"]));
    }

    [Test]
    public async Task The_schema_lists_the_target_names()
    {
        await RunAsync(new LinearBuild(), "--help");

        Assert.That(Strings(ReadSchema()["definitions"]!["Target"]!["enum"]!), Is.EqualTo(["Restore", "Compile", "Test"]));
    }

    [Test]
    public async Task The_schema_has_the_built_in_options_a_file_may_set_and_not_the_command_line_only_ones()
    {
        await RunAsync(new DestructiveBuild(), "--help");

        var properties = ReadSchema()["properties"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(properties.Select(property => property.Key), Is.SupersetOf(["Target", "Skip", "Verbosity", "Host", "NoLogo"]));
            Assert.That(properties["Target"]!["items"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/definitions/Target"));
            Assert.That(Strings(properties["Verbosity"]!["enum"]!), Is.EqualTo(["Quiet", "Minimal", "Normal", "Verbose"]));
            Assert.That(Strings(properties["Host"]!["enum"]!), Is.EqualTo(["Terminal", "GitHubActions"]));
            foreach (var commandLineOnly in new[] { "Apply", "Help", "Plan", "Root", "Profile", "ParametersFile", "GenerateWorkflows", "CheckWorkflows", "Continue", "Completion" })
            {
                Assert.That(properties.ContainsKey(commandLineOnly), Is.False, $"{commandLineOnly} is taken from the command line only");
            }
        });
    }

    [Test]
    public async Task An_unchanged_schema_is_not_rewritten()
    {
        await RunAsync(new ParameterBuild());
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Repository.Root / SchemaPath, written);

        await RunAsync(new ParameterBuild());

        Assert.That(File.GetLastWriteTimeUtc(Repository.Root / SchemaPath), Is.EqualTo(written));
    }

    [Test]
    public async Task A_stale_schema_is_rewritten()
    {
        Repository.WriteFile(SchemaPath, "{}");

        await RunAsync(new ParameterBuild());

        Assert.That(ReadSchema()["properties"]!["ReleaseChannel"], Is.Not.Null);
    }

    private JsonNode ReadSchema() => JsonNode.Parse(Repository.ReadFile(SchemaPath))!;

    private static List<string> Strings(JsonNode array) => [.. array.AsArray().Select(value => value!.GetValue<string>())];
}
