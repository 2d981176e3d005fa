using Echo;
using Shared.Health;

// `--health` probes the running echo's /healthz for Docker HEALTHCHECK (no shell, no curl in the image)
// and exits 0/1; it never starts the web host.
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, EchoApplication.HealthPath);
}

await EchoApplication.Create(args).RunAsync();
return 0;
