namespace Jackpot.Reactive.Testing;

/// <summary>Options of a <see cref="MarbleTest"/>.</summary>
public sealed class MarbleTestOptions
{
    /// <summary>The default <see cref="FrameLength"/>: one millisecond.</summary>
    public static readonly TimeSpan DefaultFrameLength = TimeSpan.FromMilliseconds(1);

    /// <summary>The smallest <see cref="FrameLength"/>: 10 microseconds (100 ticks).</summary>
    /// <remarks>
    /// <see cref="Microsoft.Reactive.Testing.TestScheduler"/> runs work that is due now one tick later; marble notifications
    /// also happen a few ticks into their frame (see <see cref="MarbleTest"/>). A frame must be long enough for such
    /// deferrals to stay inside it.
    /// </remarks>
    public static readonly TimeSpan MinimumFrameLength = TimeSpan.FromTicks(100);

    /// <summary>The default <see cref="MaxFrames"/>: 1,000,000 frames (about 17 minutes of virtual time with 1 ms frames).</summary>
    public const long DefaultMaxFrames = 1_000_000;

    private readonly TimeSpan _frameLength = DefaultFrameLength;
    private readonly MarbleGroupTiming _groupTiming = MarbleGroupTiming.OneFrame;
    private readonly long _maxFrames = DefaultMaxFrames;

    /// <summary>Gets the virtual time one <c>-</c> stands for.</summary>
    /// <value>The default value is <see cref="DefaultFrameLength"/> (1 ms).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is shorter than <see cref="MinimumFrameLength"/>.</exception>
    public TimeSpan FrameLength
    {
        get => _frameLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinimumFrameLength);
            _frameLength = value;
        }
    }

    /// <summary>Gets how far <see cref="MarbleTest.Flush"/> runs virtual time at most, in frames after time zero.</summary>
    /// <value>The default value is <see cref="DefaultMaxFrames"/>.</value>
    /// <remarks>Work scheduled later stays scheduled: endless timers cannot hang a test.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public long MaxFrames
    {
        get => _maxFrames;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxFrames = value;
        }
    }

    /// <summary>Gets how much time a group such as <c>(ab)</c> takes.</summary>
    /// <value>The default value is <see cref="MarbleGroupTiming.OneFrame"/>; <see cref="MarbleGroupTiming.RxJs"/> times
    /// groups as RxJS does, for ported tests.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="MarbleGroupTiming"/>.</exception>
    public MarbleGroupTiming GroupTiming
    {
        get => _groupTiming;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(GroupTiming), value, "The group timing is not one of MarbleGroupTiming's values.");
            }

            _groupTiming = value;
        }
    }
}
