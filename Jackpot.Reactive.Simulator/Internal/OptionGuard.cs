namespace Jackpot.Reactive.Simulator;

/// <summary>Validation of option values, shared by the options classes.</summary>
internal static class OptionGuard
{
    public static int InRange(int value, int min, int max, string name) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.")
            : value;

    public static TimeSpan Positive(TimeSpan value, string name) =>
        value <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.")
            : value;

    public static TimeSpan? PositiveOrNull(TimeSpan? value, string name) =>
        value is { } span ? Positive(span, name) : null;

    public static int? PositiveOrNull(int? value, string name) =>
        value is { } number ? InRange(number, 1, int.MaxValue, name) : null;

    public static decimal NotNegative(decimal value, string name) =>
        value < 0
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} cannot be negative.")
            : value;

    public static TimeSpan NotNegative(TimeSpan value, string name) =>
        value < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} cannot be negative.")
            : value;

    public static IReadOnlyCollection<string> ChannelNames(IReadOnlyCollection<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        string[] copy = [.. values];
        foreach (string channel in copy)
        {
            if (!ChannelName.TryParse(channel, out _))
            {
                throw new ArgumentException($"'{channel}' is not a valid channel name.", name);
            }
        }

        return copy;
    }

    public static double Probability(double value, string name) =>
        double.IsNaN(value) || value < 0 || value > 1
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1.")
            : value;

    public static T Set<T>(T value, string text, string name) =>
        text.Length == 0 ? throw new ArgumentException($"{name} is not set (default value).", name) : value;

    public static IReadOnlyCollection<WorkspaceId> AllSet(IReadOnlyCollection<WorkspaceId> values, string name)
    {
        WorkspaceId[] copy = [.. values];
        return copy.Any(id => id.Value.Length == 0)
            ? throw new ArgumentException($"{name} holds a default (unset) id.", name)
            : copy;
    }

    public static IReadOnlyList<string> NonEmptyStrings(IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        string[] copy = [.. values];
        if (copy.Length == 0 || copy.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{name} must hold at least one value and no empty value.", name);
        }

        return copy;
    }

    public static IReadOnlyList<string> HttpUrls(IReadOnlyList<string> values, string name)
    {
        var copy = NonEmptyStrings(values, name);
        foreach (string url in copy)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"'{url}' is not an absolute http:// or https:// URL.", name);
            }
        }

        return copy;
    }
}
