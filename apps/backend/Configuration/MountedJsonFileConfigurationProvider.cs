using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Gateway.Configuration;

/// <summary>
/// JSON file provider for the mounted configuration file. Unlike the stock JSON provider, a reload
/// that cannot be read or parsed, or that fails the checks of <see cref="ConfigurationReloadStatus.Validator"/>,
/// keeps the previous values (the stock one clears them, which would silently drop every route), and
/// reports the refusal instead of throwing on a watcher thread.
/// </summary>
public sealed class MountedJsonFileConfigurationProvider : ConfigurationProvider, IDisposable
{
    // Editors and ConfigMap updates write in several steps; waiting lets the file settle before it is read.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(250);

    private readonly string _fullPath;
    private readonly string _fileName;
    private readonly PhysicalFileProvider _fileProvider;
    private readonly ConfigurationReloadStatus _status;
    private readonly IDisposable _changeSubscription;

    public MountedJsonFileConfigurationProvider(string path, ConfigurationReloadStatus status)
    {
        _fullPath = Path.GetFullPath(path);
        _fileName = Path.GetFileName(_fullPath);
        _status = status;
        _fileProvider = new PhysicalFileProvider(Path.GetDirectoryName(_fullPath)!, ExclusionFilters.None);
        _changeSubscription = ChangeToken.OnChange(() => _fileProvider.Watch(_fileName), Reload);
    }

    public override void Load()
    {
        try
        {
            Data = ReadFile();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ConfigFile)} '{_fullPath}' could not be loaded: {exception.Message}", exception);
        }
    }

    public void Dispose()
    {
        _changeSubscription.Dispose();
        _fileProvider.Dispose();
    }

    private void Reload()
    {
        Thread.Sleep(SettleDelay);
        Dictionary<string, string?> candidate;
        try
        {
            candidate = ReadFile();
        }
        catch (Exception exception)
        {
            _status.Reject(_fullPath, exception.InnerException?.Message ?? exception.Message);
            return;
        }

        // Checked before Data changes: once it does, options and routes rebind from it at the next read.
        var rejection = Validate(candidate);
        if (rejection is not null)
        {
            _status.Reject(_fullPath, rejection);
            return;
        }

        Data = candidate;
        // Before OnReload, so a refusal that YARP reports while applying is not cleared again afterwards.
        _status.ReloadApplied();
        OnReload();
    }

    private string? Validate(Dictionary<string, string?> candidate)
    {
        if (_status.Validator is not { } validator)
        {
            return null;
        }

        try
        {
            // A file-watcher thread with no synchronization context: blocking on it cannot deadlock.
            return validator.ValidateAsync(this, candidate).GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            // Unhandled here it would end the process from the watcher thread; refusing is the safe outcome.
            return $"the reloaded configuration could not be validated: {exception.Message}";
        }
    }

    private Dictionary<string, string?> ReadFile()
    {
        if (!File.Exists(_fullPath))
        {
            throw new FileNotFoundException($"The file '{_fullPath}' does not exist.", _fullPath);
        }

        // Parsing through a throw-away configuration root reuses the framework's JSON-to-key mapping.
        var parsed = new ConfigurationBuilder()
            .AddJsonFile(_fileProvider, _fileName, optional: false, reloadOnChange: false)
            .Build();
        return parsed.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }
}
