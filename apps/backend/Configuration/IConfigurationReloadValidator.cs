namespace Gateway.Configuration;

/// <summary>Decides whether a reloaded configuration file may take effect, before anything reads it.</summary>
public interface IConfigurationReloadValidator
{
    /// <summary>
    /// Checks the configuration as it would read with <paramref name="candidate"/> in place of the data of
    /// <paramref name="reloading"/>, every other source unchanged.
    /// </summary>
    /// <returns><see langword="null"/> when it may be applied, else why not (key names, never values).</returns>
    Task<string?> ValidateAsync(IConfigurationProvider reloading, IDictionary<string, string?> candidate);
}
