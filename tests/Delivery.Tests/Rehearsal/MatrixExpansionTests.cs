using System.Text.Json.Nodes;
using Delivery.Rehearsal;

namespace Delivery.Tests.Rehearsal;

public sealed class MatrixExpansionTests
{
    [Test]
    public void An_include_only_matrix_has_one_leg_per_entry()
    {
        var legs = MatrixExpansion.Expand(JsonNode.Parse("""
            { "include": [ { "platform": "linux/amd64", "runner": "ubuntu-24.04" }, { "platform": "linux/arm64", "runner": "ubuntu-24.04-arm" } ] }
            """)!.AsObject());
        Assert.That(legs.Select(leg => leg["runner"]!.ToString()), Is.EqualTo(new[] { "ubuntu-24.04", "ubuntu-24.04-arm" }));
    }

    [Test]
    public void Axes_multiply_exclude_removes_and_include_extends_or_adds_as_GitHub_documents()
    {
        // GitHub's documented example: fruit x animal, then includes that extend matching legs or add new ones.
        var legs = MatrixExpansion.Expand(JsonNode.Parse("""
            {
              "fruit": ["apple", "pear"], "animal": ["cat", "dog"],
              "exclude": [ { "fruit": "pear", "animal": "cat" } ],
              "include": [ { "color": "green" }, { "color": "pink", "animal": "cat" }, { "fruit": "apple", "shape": "circle" },
                           { "fruit": "banana" }, { "fruit": "banana", "animal": "cat" } ]
            }
            """)!.AsObject());
        var text = legs.Select(leg => leg.ToJsonString()).ToList();
        Assert.That(text, Is.EqualTo(new[]
        {
            """{"fruit":"apple","animal":"cat","color":"pink","shape":"circle"}""",
            """{"fruit":"apple","animal":"dog","color":"green","shape":"circle"}""",
            """{"fruit":"pear","animal":"dog","color":"green"}""",
            """{"fruit":"banana"}""",
            """{"fruit":"banana","animal":"cat"}""",
        }));
    }

    [Test]
    public void No_matrix_no_legs() => Assert.That(MatrixExpansion.Expand(null), Is.Empty);
}
