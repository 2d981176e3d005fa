using Gateway.Configuration;
using Gateway.Management;
using Gateway.Observability;
using Serilog;

namespace Gateway.Hosting;

/// <summary>Builds and runs the gateway; split into steps so tests can host it in-process.</summary>
public static class GatewayHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplicationBuilder? builder = null;
        try
        {
            builder = WebApplication.CreateBuilder(args);
            builder.AddGateway();
            await using var app = Build(builder);
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception)
        {
            // The host's own logger may not exist yet (bad config file, invalid options),
            // so start-up failures get a logger of their own with the same output format.
            using var logger = GatewayLogging.CreateStartupFailureLogger(builder?.Configuration, builder?.Environment);
            logger.Fatal(exception, "Gateway failed to start: {Reason}", StartupFailure.Describe(exception));
            return 1;
        }
    }

    /// <summary>Registers every gateway service on <paramref name="builder"/>.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var reloadStatus = new ConfigurationReloadStatus();
        builder.Configuration.AddMountedConfigurationFile(reloadStatus);
        builder.Services.AddSingleton(reloadStatus);
        builder.AddManagementPort();
        builder.Services.AddGatewayServices(builder.Configuration);
        builder.AddGatewayLogging();
        return builder;
    }

    /// <summary>Builds the application and wires the request pipeline.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseGatewayPipeline();
        return app;
    }
}
