using System.Reflection;
using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

/// <summary>
/// appsettings.json ships in the image and overrides the options classes' defaults, which docs/gateway.md documents:
/// a value restated there must equal the default, or the documented default is not what runs.
/// </summary>
public sealed class ShippedSettingsTests
{
    [Test]
    public void Gateway_values_in_appsettings_json_equal_the_documented_defaults()
    {
        var shipped = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build()
            .GetSection(GatewayOptions.SectionName);
        var bound = shipped.Get<GatewayOptions>()!;
        var defaults = new GatewayOptions();

        var restated = typeof(GatewayOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => shipped[property.Name] is not null)
            .ToList();

        Assert.That(restated, Is.Not.Empty, "appsettings.json restates no Gateway value; the test would check nothing");
        using (Assert.EnterMultipleScope())
        {
            foreach (var property in restated)
            {
                Assert.That(property.GetValue(bound), Is.EqualTo(property.GetValue(defaults)), $"Gateway:{property.Name} in appsettings.json differs from GatewayOptions' default");
            }
        }
    }
}
