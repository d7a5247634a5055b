using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace Jackpot.Reactive.Tests.Packaging;

/// <summary>Reads what a .nupkg and its .snupkg contain: file names, the nuspec, and the PDB's SourceLink map.</summary>
internal sealed class PackedPackage
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private PackedPackage(string id, IReadOnlyList<string> files, XElement metadata, IReadOnlyList<string> symbolFiles, string? sourceLink)
    {
        Id = id;
        Files = files;
        Metadata = metadata;
        SymbolFiles = symbolFiles;
        SourceLink = sourceLink;
    }

    public string Id { get; }

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<string> SymbolFiles { get; }

    /// <summary>Gets the SourceLink JSON embedded in the package's PDB, or null.</summary>
    public string? SourceLink { get; }

    private XElement Metadata { get; }

    public static PackedPackage Open(string feed, string id, string version)
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
        var files = package.Entries.Select(entry => entry.FullName).ToList();
        using var nuspecStream = package.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");

        using var symbols = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.snupkg"));
        var symbolFiles = symbols.Entries.Select(entry => entry.FullName).ToList();
        var pdb = symbols.Entries.SingleOrDefault(entry => entry.FullName == $"lib/net10.0/{id}.pdb");
        return new PackedPackage(id, files, metadata, symbolFiles, pdb is null ? null : ReadSourceLink(pdb));
    }

    public string? Element(string name) => Find(name)?.Value;

    public string? Attribute(string element, string attribute) => Find(element)?.Attribute(attribute)?.Value;

    public IReadOnlyDictionary<string, string> Dependencies() =>
        Metadata.Descendants().Where(element => element.Name.LocalName == "dependency")
            .ToDictionary(element => element.Attribute("id")!.Value, element => element.Attribute("version")!.Value);

    private static string? ReadSourceLink(ZipArchiveEntry pdb)
    {
        using var compressed = pdb.Open();
        using var buffer = new MemoryStream();
        compressed.CopyTo(buffer);
        buffer.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return null;
    }

    private XElement? Find(string name) => Metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name);
}
