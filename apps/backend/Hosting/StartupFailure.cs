using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Turns a start-up exception chain into one line that names the offending configuration key.</summary>
public static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        Collect(exception, messages);
        return string.Join(" | ", messages.Distinct());
    }

    private static void Collect(Exception exception, List<string> messages)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                messages.AddRange(validation.Failures);
                return;
            case AggregateException aggregate:
                // YARP reports every invalid route and cluster as an inner exception of one aggregate.
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, messages);
                }

                return;
            default:
                messages.Add(exception.Message);
                if (exception.InnerException is not null)
                {
                    Collect(exception.InnerException, messages);
                }

                return;
        }
    }
}
