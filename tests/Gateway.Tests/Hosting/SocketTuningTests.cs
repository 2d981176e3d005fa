using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

public class SocketTuningTests
{
    [Test]
    public async Task Kestrel_reads_into_a_pooled_buffer_and_inlines_requests_only_with_the_runtimes_inline_completions()
    {
        await using var app = GatewayUnderTest.Build(new GatewaySettings());

        var sockets = app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;
        var inlineCompletions = Environment.GetEnvironmentVariable(SocketTuning.InlineCompletionsVariable) == "1";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sockets.WaitForDataBeforeAllocatingBuffer, Is.False);
            Assert.That(sockets.UnsafePreferInlineScheduling, Is.EqualTo(inlineCompletions));
        }
    }
}
