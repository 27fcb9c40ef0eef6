package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.gui.prefs.CloseBehaviour;
import org.vmstation.app.gui.prefs.CloseQuestion;
import org.vmstation.app.gui.prefs.HostKey;
import org.vmstation.app.gui.prefs.Preferences;
import org.vmstation.app.gui.prefs.PreferencesStore;
import org.vmstation.app.gui.prefs.Theme;

/** "Remember my choice" in the close-while-running question: the answer becomes the saved close behaviour. */
class CloseQuestionTest {
    @TempDir Path dir;
    private final List<Preferences> applied = new ArrayList<>();

    private PreferencesStore store() { return new PreferencesStore(dir.resolve("cfg").resolve(PreferencesStore.FILE_NAME)); }

    @Test
    void aRememberedAnswerBecomesTheSavedCloseBehaviourAndKeepsTheOtherPreferences() throws Exception {
        PreferencesStore store = store();
        store.save(Preferences.DEFAULTS.withTheme(Theme.DARK));
        CloseQuestion question = new CloseQuestion(store, applied::add);
        question.rememberProperty().set(true);

        assertThat(question.answer(Optional.of(CloseBehaviour.SUSPEND))).isEmpty();

        // the next start reads it (WorkstationApp then pauses without asking), and Edit › Preferences shows it
        Preferences next = new PreferencesStore(store.file()).load().preferences();
        assertThat(next.closeBehaviour()).isEqualTo(CloseBehaviour.SUSPEND);
        assertThat(next.theme()).isEqualTo(Theme.DARK);
        assertThat(next.hostKey()).isEqualTo(HostKey.CTRL_ALT);
        assertThat(Files.readString(store.file())).contains("window.close=suspend", "window.theme=dark");
        assertThat(applied).singleElement().extracting(Preferences::closeBehaviour).isEqualTo(CloseBehaviour.SUSPEND);
    }

    @Test
    void withoutTheBoxTickedNothingIsSaved() {
        CloseQuestion question = new CloseQuestion(store(), applied::add);
        assertThat(question.answer(Optional.of(CloseBehaviour.SHUT_DOWN))).isEmpty();
        assertThat(store().file()).doesNotExist();
        assertThat(applied).isEmpty();
    }

    @Test
    void aCancelledCloseIsNeverRemembered() throws Exception {
        PreferencesStore store = store();
        store.save(Preferences.DEFAULTS);
        CloseQuestion question = new CloseQuestion(store, applied::add);
        question.rememberProperty().set(true);
        assertThat(question.answer(Optional.empty())).isEmpty();
        assertThat(store.load().preferences().closeBehaviour()).isEqualTo(CloseBehaviour.ASK);
        assertThat(applied).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedNamingItAndNothingIsApplied() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("cfg"), "a file where the folder should be");
        PreferencesStore store = new PreferencesStore(notAFolder.resolve(PreferencesStore.FILE_NAME));
        CloseQuestion question = new CloseQuestion(store, applied::add);
        question.rememberProperty().set(true);
        assertThat(question.answer(Optional.of(CloseBehaviour.KEEP_RUNNING))).get().asString()
                .contains(store.file().toString(), "will ask again next time");
        assertThat(applied).isEmpty();
    }

    @Test
    void askIsNotAnAnswer() {
        CloseQuestion question = new CloseQuestion(store(), applied::add);
        question.rememberProperty().set(true);
        assertThatThrownBy(() -> question.answer(Optional.of(CloseBehaviour.ASK))).isInstanceOf(IllegalArgumentException.class);
    }
}
