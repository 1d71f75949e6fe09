// The real services start once for the whole test project (each test owns its data).
[assembly: AssemblyFixture(typeof(Commerce.Testing.Services.Downstream))]
