package org.parley.agent.input;

import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.ClipboardOwner;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Puts text on the clipboard for a paste. An X11 paste is asynchronous — the target asks the
 * clipboard owner (us) for the data some time after Ctrl+V — so before replacing the text we wait
 * (at most {@value #WAIT_MILLIS} ms) until the previous one was fetched; otherwise two quick text
 * events could both paste the second.
 */
final class PasteBoard {
    static final long WAIT_MILLIS = 500;

    private final Clipboard clipboard;
    private CountDownLatch fetched = new CountDownLatch(0);

    PasteBoard(Clipboard clipboard) {
        this.clipboard = clipboard;
    }

    /** Puts {@code text} on the clipboard for the user (no paste follows). */
    void hold(String text) {
        awaitFetch();
        clipboard.setContents(new StringSelection(text), null);
    }

    /** Puts {@code text} on the clipboard for a paste that the caller triggers next. */
    void holdForPaste(String text) {
        awaitFetch();
        Selection selection = new Selection(text);
        fetched = selection.fetched;
        clipboard.setContents(selection, selection);
    }

    private void awaitFetch() {
        try {
            fetched.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A string selection that notes when a target fetched its data. */
    private static final class Selection implements Transferable, ClipboardOwner {
        final CountDownLatch fetched = new CountDownLatch(1);
        private final StringSelection text;

        Selection(String text) {
            this.text = new StringSelection(text);
        }

        @Override
        public DataFlavor[] getTransferDataFlavors() {
            return text.getTransferDataFlavors();
        }

        @Override
        public boolean isDataFlavorSupported(DataFlavor flavor) {
            return text.isDataFlavorSupported(flavor);
        }

        @Override
        public Object getTransferData(DataFlavor flavor) throws UnsupportedFlavorException, IOException {
            Object data = text.getTransferData(flavor);
            fetched.countDown();
            return data;
        }

        @Override
        public void lostOwnership(Clipboard clipboard, Transferable contents) {
            fetched.countDown();
        }
    }
}
