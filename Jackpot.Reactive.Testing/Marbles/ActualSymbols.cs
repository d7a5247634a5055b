using System.Reactive;

namespace Jackpot.Reactive.Testing;

/// <summary>
/// Chooses the symbols that draw actual notifications: the expected values' symbol for an equal value, the value itself
/// for characters when no values were given, otherwise a fresh letter or digit that the expected marbles do not use.
/// </summary>
internal sealed class ActualSymbols<T>(IReadOnlyDictionary<char, T>? values, IEqualityComparer<T> comparer, IEnumerable<char> expectedSymbols)
{
    private const string FreshSymbols = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const char Exhausted = '?';

    public List<char> Assign(IReadOnlyList<Notification<T>> notifications)
    {
        var used = new HashSet<char>(expectedSymbols);
        if (values is not null)
        {
            used.UnionWith(values.Keys);
        }

        var symbols = new char?[notifications.Count];
        for (int i = 0; i < notifications.Count; i++)
        {
            symbols[i] = Known(notifications[i]);
            if (symbols[i] is { } symbol)
            {
                used.Add(symbol);
            }
        }

        var fresh = new List<(T Value, char Symbol)>();
        var pool = FreshSymbols.Where(c => !used.Contains(c)).GetEnumerator();
        for (int i = 0; i < notifications.Count; i++)
        {
            if (symbols[i] is not null)
            {
                continue;
            }

            T value = notifications[i].Value;
            int known = fresh.FindIndex(f => comparer.Equals(f.Value, value));
            if (known < 0)
            {
                fresh.Add((value, pool.MoveNext() ? pool.Current : Exhausted));
                known = fresh.Count - 1;
            }

            symbols[i] = fresh[known].Symbol;
        }

        return symbols.Select(s => s!.Value).ToList();
    }

    private char? Known(Notification<T> notification)
    {
        switch (notification.Kind)
        {
            case NotificationKind.OnCompleted:
                return '|';
            case NotificationKind.OnError:
                return '#';
        }

        T value = notification.Value;
        if (values is not null)
        {
            foreach (var pair in values)
            {
                if (comparer.Equals(pair.Value, value))
                {
                    return pair.Key;
                }
            }

            return null;
        }

        return MarbleValues.TryGetSelfSymbol(value, out char symbol) ? symbol : null;
    }
}
