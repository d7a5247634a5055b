using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Jackpot.Reactive.Samples;

/// <summary>A throwaway <c>redis-server</c> on a free loopback port (no persistence), stopped by its process id.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>Gets the StackExchange.Redis connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts <c>redis-server</c> and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is not installed or does not start.</exception>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install -y redis-server), or pass --redis <connection string>.", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (SocketException) when (!process.HasExited && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                server.Dispose();
                throw new InvalidOperationException($"redis-server did not accept connections on port {port}.", ex);
            }
        }
    }

    /// <summary>Returns a loopback TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
