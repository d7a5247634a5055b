using System.Globalization;
using System.Reactive;

namespace Jackpot.Reactive.Testing;

/// <summary>Turns marble symbols into notifications and notifications back into symbols and legend text.</summary>
internal static class MarbleValues
{
    /// <summary>Resolves the notification of a parsed entry.</summary>
    /// <exception cref="ArgumentException">A value symbol has no value.</exception>
    public static Notification<T> ToNotification<T>(
        MarbleEntry entry,
        string marbles,
        IReadOnlyDictionary<char, T>? values,
        Exception error) => entry.Kind switch
        {
            MarbleKind.Completion => Notification.CreateOnCompleted<T>(),
            MarbleKind.Error => Notification.CreateOnError<T>(error),
            _ => Notification.CreateOnNext(Resolve(entry, marbles, values)),
        };

    /// <summary>Whether a symbol stands for itself: without values, for <see cref="char"/> and <see cref="string"/>.</summary>
    public static bool TryGetSelfSymbol<T>(T value, out char symbol)
    {
        symbol = value switch
        {
            char c => c,
            string { Length: 1 } s => s[0],
            _ => '\0',
        };
        return symbol != '\0' && !IsSyntax(symbol);
    }

    /// <summary>Whether a character has a meaning of its own in marbles.</summary>
    public static bool IsSyntax(char c) => c is '-' or '|' or '#' or '^' or '!' or '(' or ')' || char.IsWhiteSpace(c);

    /// <summary>Two errors match when they are the same instance or of the same type with the same message.</summary>
    public static bool ErrorsMatch(Exception expected, Exception actual) =>
        ReferenceEquals(expected, actual)
        || (expected.GetType() == actual.GetType() && string.Equals(expected.Message, actual.Message, StringComparison.Ordinal));

    /// <summary>Describes an error for a legend.</summary>
    public static string DescribeError(Exception error) => error.GetType().Name + ": " + error.Message;

    /// <summary>Describes a value for a legend: jackpot events compactly, anything else with <see cref="object.ToString"/>.</summary>
    public static string DescribeValue(object? value, bool complete)
    {
        if (!complete && value is JackpotValueUpdated or JackpotWonByOther or JackpotWon)
        {
            var jackpotEvent = (JackpotEvent)value;
            string newInstance = value switch
            {
                JackpotWonByOther won => " -> " + won.NewInstance.Value,
                JackpotWon won => " -> " + won.NewInstance.Value,
                _ => string.Empty,
            };
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{value.GetType().Name} {{ {jackpotEvent.Jackpot} {jackpotEvent.Instance}{newInstance} {jackpotEvent.RawValue} {jackpotEvent.Currency} {jackpotEvent.Channel} }}");
        }

        return value switch
        {
            null => "null",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    private static T Resolve<T>(MarbleEntry entry, string marbles, IReadOnlyDictionary<char, T>? values)
    {
        if (values is not null)
        {
            return values.TryGetValue(entry.Symbol, out var value)
                ? value
                : throw new ArgumentException(
                    $"Marbles \"{marbles}\" at position {entry.Position}: the values have no entry for '{entry.Symbol}'.",
                    nameof(values));
        }

        if (typeof(T) == typeof(char))
        {
            return (T)(object)entry.Symbol;
        }

        if (typeof(T) == typeof(string))
        {
            return (T)(object)entry.Symbol.ToString();
        }

        throw new ArgumentException(
            $"Marbles \"{marbles}\" at position {entry.Position}: '{entry.Symbol}' needs a value. Without values, symbols " +
            $"stand for themselves only for char and string notifications, not for {typeof(T).Name}.",
            nameof(values));
    }
}
