package org.vmstation.app.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code vmstation} command: the VBoxManage of VMStation. */
@Command(name = "vmstation",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "VMStation: run virtual machines on this computer.%nWithout a command, opens the VMStation window.",
        footer = "%n" + ExitCodes.HELP,
        subcommands = {
                ListCommand.class, ShowCommand.class, CreateCommand.class, EditCommand.class, DeleteCommand.class,
                StartCommand.class, StopCommand.class, PauseCommand.class, ResumeCommand.class, ResetCommand.class,
                LogsCommand.class, ConsoleCommand.class, InfoCommand.class, DemoCommand.class, GuiCommand.class, PowerCommand.class, ImportCommand.class, ExportCommand.class, ViewerCommand.class, ScreenshotCommand.class,
                UsbCommand.class, CommandLine.HelpCommand.class})
public final class VmstationCommand implements Runnable {
    @Option(names = "--library", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "The VM library (.db file or its folder). Default: $VMSTATION_LIBRARY, else the per-user data folder.")
    Path library;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        new GuiCommand().launch(library, new String[0]);
    }
}
