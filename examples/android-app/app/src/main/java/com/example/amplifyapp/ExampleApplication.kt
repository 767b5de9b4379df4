package com.example.amplifyapp

import android.app.Application
import android.util.Log
import com.amplifyframework.core.Amplify

/** Configures Amplify from res/raw/amplifyconfiguration.json, which `amplify push` writes. */
class ExampleApplication : Application() {
    override fun onCreate() {
        super.onCreate()
        try {
            Amplify.configure(applicationContext)
        } catch (error: Exception) {
            Log.e("AmplifyExample", "Run `amplify init` to create res/raw/amplifyconfiguration.json", error)
        }
    }
}
