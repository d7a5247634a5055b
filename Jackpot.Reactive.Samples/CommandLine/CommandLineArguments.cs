using System.Globalization;

namespace Jackpot.Reactive.Samples;

/// <summary>A command line read against a fixed set of options: <c>--name value</c>, <c>--name=value</c> and flags.</summary>
/// <remarks>Hand-written on purpose: the samples take no dependency beyond Spectre.Console.</remarks>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLineArguments()
    {
    }

    /// <summary>Reads <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, without the command name.</param>
    /// <param name="valueOptions">The options that take a value, e.g. <c>--count</c>.</param>
    /// <param name="repeatableOptions">The value options that may be given more than once.</param>
    /// <param name="flags">The options without a value, e.g. <c>--raw</c>.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="CommandLineException">An argument is unknown, a value is missing, a flag has a value, or an
    /// option that is not repeatable is given twice.</exception>
    public static CommandLineArguments Parse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> repeatableOptions,
        IReadOnlyCollection<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new CommandLineArguments();
        for (int index = 0; index < args.Count; index++)
        {
            string argument = args[index] ?? string.Empty;
            if (!argument.StartsWith("--", StringComparison.Ordinal) && argument is not "-h" and not "-?")
            {
                throw new CommandLineException($"Unexpected argument '{argument}'.");
            }

            string name = argument;
            string? inlineValue = null;
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = argument[..equals];
                inlineValue = argument[(equals + 1)..];
            }

            if (name is "-h" or "-?")
            {
                name = "--help";
            }

            if (flags.Contains(name))
            {
                if (inlineValue is not null)
                {
                    throw new CommandLineException($"{name} takes no value.");
                }

                result._flags.Add(name);
                continue;
            }

            if (!valueOptions.Contains(name) && !repeatableOptions.Contains(name))
            {
                throw new CommandLineException($"Unknown option '{name}'.");
            }

            if (inlineValue is null)
            {
                if (index + 1 >= args.Count)
                {
                    throw new CommandLineException($"{name} needs a value.");
                }

                inlineValue = args[++index] ?? string.Empty;
            }

            if (!result._values.TryGetValue(name, out var list))
            {
                list = [];
                result._values[name] = list;
            }
            else if (!repeatableOptions.Contains(name))
            {
                throw new CommandLineException($"{name} is given more than once.");
            }

            list.Add(inlineValue);
        }

        return result;
    }

    /// <summary>Tells whether a flag (or a value option) was given.</summary>
    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>Gets the value of an option, or null when it was not given.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[0] : null;

    /// <summary>Gets every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>Gets a required value.</summary>
    /// <exception cref="CommandLineException">The option was not given or is blank.</exception>
    public string Required(string name)
    {
        string? value = Value(name);
        return string.IsNullOrWhiteSpace(value) ? throw new CommandLineException($"{name} is required.") : value;
    }

    /// <summary>Gets an integer value in a range, or null when the option was not given.</summary>
    /// <exception cref="CommandLineException">The value is not an integer in the range.</exception>
    public int? Integer(string name, int minimum, int maximum = int.MaxValue)
    {
        string? text = Value(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
        {
            throw new CommandLineException($"{name} must be a whole number from {minimum} to {maximum}, not '{text}'.");
        }

        return value;
    }

    /// <summary>Gets a positive number of seconds, or null when the option was not given.</summary>
    /// <exception cref="CommandLineException">The value is not a positive number of seconds.</exception>
    public TimeSpan? Seconds(string name)
    {
        string? text = Value(name);
        if (text is null)
        {
            return null;
        }

        const double MaxSeconds = 365.0 * 24 * 3600;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds) || seconds <= 0 || seconds > MaxSeconds)
        {
            throw new CommandLineException($"{name} must be a positive number of seconds, not '{text}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Gets an absolute http(s) URI, or null when the option was not given.</summary>
    /// <exception cref="CommandLineException">The value is not an absolute http or https URI.</exception>
    public Uri? HttpUri(string name)
    {
        string? text = Value(name);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CommandLineException($"{name} must be an absolute http or https URI, not '{text}'.");
    }
}

/// <summary>The command line is invalid; the message says why and is safe to show.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
