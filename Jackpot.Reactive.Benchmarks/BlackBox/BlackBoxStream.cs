using System.Buffers.Text;
using System.Text;

namespace Jackpot.Reactive.Benchmarks.BlackBox;

/// <summary>
/// The black-box stream, frame by frame: <c>id: &lt;n&gt;</c> on every event, three jackpots in turn, each value a new one
/// (counting up a cent per event of its jackpot), and one <c>jackpot_won_other</c> in every
/// <see cref="WinEvery"/> events, after which the jackpot's instance moves on and its value starts again from the seed.
/// </summary>
/// <remarks>
/// The sequence depends only on the event number, so every consumer reads the same bytes. In paced mode the value of each
/// event is instead the write time (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>, CLOCK_MONOTONIC
/// nanoseconds on Linux), which the consumer subtracts from its own clock in <c>OnNext</c>.
/// </remarks>
internal sealed class BlackBoxStream
{
    /// <summary>One event in this many is a win.</summary>
    public const int WinEvery = 200;

    /// <summary>The most bytes one frame takes.</summary>
    public const int MaxFrameBytes = 512;

    private const int Jackpots = 3;
    private static readonly long[] SeedCents = [100_000, 2_500_000, 50_000_000];

    private readonly byte[] _channel;
    private readonly int[] _instances = new int[Jackpots];
    private readonly long[] _cents = new long[Jackpots];
    private long _next = 1;

    /// <summary>Creates the stream of one channel.</summary>
    /// <param name="channel">The channel name written into every payload.</param>
    public BlackBoxStream(string channel)
    {
        _channel = Encoding.UTF8.GetBytes(channel);
        for (int jackpot = 0; jackpot < Jackpots; jackpot++)
        {
            _instances[jackpot] = 1;
            _cents[jackpot] = SeedCents[jackpot];
        }
    }

    /// <summary>Writes the next frame.</summary>
    /// <param name="destination">At least <see cref="MaxFrameBytes"/> bytes.</param>
    /// <param name="stamp">The value to send instead of the jackpot's (paced mode), or null.</param>
    /// <returns>The frame's length.</returns>
    public int WriteNext(Span<byte> destination, long? stamp)
    {
        long id = _next++;
        int jackpot = (int)(id % Jackpots);
        bool win = id % WinEvery == 0;
        var writer = new FrameWriter(destination);
        writer.Append("id: "u8);
        writer.Append(id);
        writer.Append(win ? "\ndata: {\"reason\":\"jackpot_won_other\",\"jackpotInstance\":\"bb"u8 : "\ndata: {\"reason\":\"jackpot_value\",\"jackpotInstance\":\"bb"u8);
        writer.Append(jackpot);
        writer.Append("_"u8);
        writer.Append(_instances[jackpot]);
        writer.Append("\",\"jackpot\":\"bb"u8);
        writer.Append(jackpot);
        writer.Append("\",\"channel\":\""u8);
        writer.Append(_channel);
        writer.Append("\",\"currency\":\"EUR\",\"value\":\""u8);
        if (stamp is { } value)
        {
            writer.Append(value);
        }
        else
        {
            writer.AppendCents(_cents[jackpot]);
        }

        if (win)
        {
            writer.Append("\",\"jackpotNewInstance\":\"bb"u8);
            writer.Append(jackpot);
            writer.Append("_"u8);
            writer.Append(++_instances[jackpot]);
            _cents[jackpot] = SeedCents[jackpot];
        }
        else
        {
            _cents[jackpot]++;
        }

        writer.Append("\"}\n\n"u8);
        return writer.Length;
    }

    private ref struct FrameWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_destination[Length..]);
            Length += bytes.Length;
        }

        public void Append(long value)
        {
            Utf8Formatter.TryFormat(value, _destination[Length..], out int written);
            Length += written;
        }

        /// <summary>Writes cents as a decimal with two places and a thousands separator above 1,000 (as the service does).</summary>
        public void AppendCents(long cents)
        {
            long units = cents / 100;
            if (units >= 1000)
            {
                Append(units / 1000);
                Append(","u8);
                Utf8Formatter.TryFormat(units % 1000, _destination[Length..], out int written, new System.Buffers.StandardFormat('D', 3));
                Length += written;
            }
            else
            {
                Append(units);
            }

            Append("."u8);
            Utf8Formatter.TryFormat(cents % 100, _destination[Length..], out int fraction, new System.Buffers.StandardFormat('D', 2));
            Length += fraction;
        }
    }
}
