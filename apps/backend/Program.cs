using Gateway.Health;
using Gateway.Hosting;
using Shared.Health;

// `--health` turns the process into a one-shot readiness probe for Docker HEALTHCHECK
// (images without a shell or curl); it must never start the web host.
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, HealthRegistration.ReadyPath);
}

return await GatewayHost.RunAsync(args);
