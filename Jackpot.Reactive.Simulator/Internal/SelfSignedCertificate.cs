using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jackpot.Reactive.Simulator;

/// <summary>The simulator's TLS certificate: self-signed, made in memory when the simulator starts, never stored.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>How long a generated certificate is valid (from a minute ago, for clocks slightly apart).</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    /// <summary>Creates a server certificate for <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c> with an ECDSA P-256 key.</summary>
    public static X509Certificate2 Create(TimeProvider timeProvider)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Jackpot.Reactive.Simulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = timeProvider.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-1), now.Add(Validity));

        // A certificate fresh from CreateSelfSigned holds an ephemeral key that SslStream cannot use on every platform;
        // a PKCS#12 round trip gives it a key it can.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
