package org.vmstation.app.gui.prefs;

import java.nio.file.Path;
import java.util.Map;
import org.vmstation.engine.library.LibraryLocation;

/**
 * The library this VMStation process opened and what chose it, so Edit › Preferences can show the library in use
 * beside the saved "Library location", which a {@code --library} option or {@value LibraryLocation#ENV_OVERRIDE}
 * overrides for one launch.
 *
 * @param database the open library's database file
 * @param origin   what chose it
 */
public record OpenLibrary(Path database, Origin origin) {
    /** Where a library location comes from, strongest first (the order {@code EngineContext.open} follows). */
    public enum Origin {
        COMMAND_LINE("chosen with --library on the command line"),
        ENVIRONMENT("chosen by " + LibraryLocation.ENV_OVERRIDE),
        PREFERENCES("this preference"),
        DEFAULT("the default");

        private final String text;

        Origin(String text) { this.text = text; }

        public String text() { return text; }
    }

    /**
     * What chose {@code opened}, told apart by elimination: without {@code --library} the process opens the library
     * that {@code env}, then {@code saved}, then {@code platformDefault} names; a library that is none of these came
     * from the command line.
     *
     * @param saved           the preferences as they were when the library was opened
     * @param platformDefault the per-user default database when no variable is set
     */
    public static OpenLibrary of(Path opened, Preferences saved, Map<String, String> env, Path platformDefault) {
        Path db = opened.toAbsolutePath().normalize();
        String variable = env.get(LibraryLocation.ENV_OVERRIDE);
        Origin withoutOption;
        Path expected;
        if (variable != null && !variable.isBlank()) {
            withoutOption = Origin.ENVIRONMENT;
            expected = LibraryLocation.fromOption(Path.of(variable.strip()));
        } else if (!saved.libraryLocation().isEmpty()) {
            withoutOption = Origin.PREFERENCES;
            expected = LibraryLocation.fromOption(Path.of(saved.libraryLocation()));
        } else {
            withoutOption = Origin.DEFAULT;
            expected = platformDefault.toAbsolutePath().normalize();
        }
        return new OpenLibrary(db, db.equals(expected) ? withoutOption : Origin.COMMAND_LINE);
    }

    /** {@link #of} with this process's environment and the platform's default. */
    public static OpenLibrary forThisProcess(Path opened, Preferences saved) {
        return of(opened, saved, System.getenv(), LibraryLocation.defaultDatabase());
    }

    /** The line under the Library location field: which library is open now and why. */
    public String describe() {
        String where = "Open now: " + database + " (" + origin.text() + ")";
        return switch (origin) {
            case COMMAND_LINE, ENVIRONMENT -> where + ". The location above is used when VMStation opens without it.";
            case PREFERENCES, DEFAULT -> where + ".";
        };
    }
}
