using Ecrm.SampleWebHost;

var app = SampleWebApp.Build(args);
await app.RunAsync();
