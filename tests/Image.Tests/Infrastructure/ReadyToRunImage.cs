using System.Reflection.PortableExecutable;

namespace Image.Tests.Infrastructure;

/// <summary>Tells a ReadyToRun (crossgen'd) assembly from an IL-only one by its CLI header.</summary>
public static class ReadyToRunImage
{
    // READYTORUN_HEADER.Signature, "RTR" (docs/design/coreclr/botr/readytorun-format.md in dotnet/runtime).
    private const uint Signature = 0x00525452;

    public static bool IsReadyToRun(string assemblyPath)
    {
        using var reader = new PEReader(File.OpenRead(assemblyPath));
        var nativeHeader = reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory ?? default;
        if (nativeHeader.Size == 0)
        {
            return false;
        }

        var block = reader.GetSectionData(nativeHeader.RelativeVirtualAddress);
        return block.Length >= sizeof(uint) && block.GetReader().ReadUInt32() == Signature;
    }
}
