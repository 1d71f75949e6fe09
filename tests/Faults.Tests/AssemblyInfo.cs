// Local mode runs Linux server programs, and the shared fixture sets Unix file modes on its state directory.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
